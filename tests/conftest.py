"""Shared fixtures: the project's raw/ documents, one release built from them, and
the optional ../shared material (skipped where it is absent, as on a user's clone)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

# The spec runner's asserts show their values, as a test module's do.
pytest.register_assert_rewrite("tests.specs.runner", "tests.specs.subjects")

from extract.release import BuildConfig, build_release

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
SEED_GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def seed_release(tmp_path_factory) -> Path:
    """One release of raw/, built once per test session."""
    out = tmp_path_factory.mktemp("seed")
    return build_release(BuildConfig(raw_dir=RAW, out_dir=out, version="0.1.0", gold_dir=SEED_GOLD,
                                     log=open("/dev/null", "w"))).path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "gold" / "GUIDELINES.md").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
