"""Correctness against hand annotations: the seed gold in tests/gold (always) and
the development set in ../shared/dev (when present). Floors are the issues'
acceptance levels; the scorer is checked against the project's reference one."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.release import BuildConfig, build_release
from tests.conftest import RAW, SEED_GOLD

SEED_FLOOR = {"codes": 0.95, "money": 0.95, "dates": 0.95, "targets": 0.85}
DEV_FLOOR = {"codes": 0.90, "money": 0.95, "dates": 0.95, "targets": 0.80}


def _scores(release):
    return json.loads((release / "manifest.json").read_text(encoding="utf-8"))["scores"]


@pytest.mark.parametrize("kind", SEED_FLOOR)
def test_seed_f1_reaches_the_floor(seed_release, kind):
    scores = _scores(seed_release)
    assert scores["documents"] == 5
    assert scores[kind]["f1"] >= SEED_FLOOR[kind], scores[kind]


@pytest.fixture(scope="module")
def dev_release(shared_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("dev")
    return build_release(BuildConfig(raw_dir=shared_dir / "dev" / "docs", out_dir=out, version="0.1.0",
                                     gold_dir=shared_dir / "dev" / "gold", log=open("/dev/null", "w"))).path


@pytest.mark.parametrize("kind", DEV_FLOOR)
def test_dev_f1_reaches_the_floor(dev_release, kind):
    scores = _scores(dev_release)
    assert scores["documents"] == 20
    assert scores[kind]["f1"] >= DEV_FLOOR[kind], scores[kind]


def test_scores_agree_with_the_reference_scorer(seed_release, shared_dir):
    done = subprocess.run([sys.executable, str(shared_dir / "gold" / "score.py"), "--release", str(seed_release),
                           "--gold", str(SEED_GOLD), "--raw", str(RAW), "--json"],
                          capture_output=True, text=True, check=True)
    reference = json.loads(done.stdout)
    ours = _scores(seed_release)
    assert reference["provenance_errors"] == 0
    for kind in SEED_FLOOR:
        assert {k: ours[kind][k] for k in ("tp", "predicted", "gold")} == \
               {k: reference[kind][k] for k in ("tp", "predicted", "gold")}
