"""One regression snapshot per raw document: every record the build makes of it.

A snapshot guards against unintended change; it does not prove correctness (the
gold scores and the spec tables do). After an intended change, review with
`python -m pytest tests/test_snapshots.py --force-regen` and `git diff`."""
from __future__ import annotations

import pytest

from schema import TABLES as _ALL
from tests.conftest import RAW, read_jsonl

DOCS = sorted(p.stem for p in RAW.glob("*.txt"))
TABLES = tuple(t for t in _ALL if t != "issues")  # the seed build has no issues (test_invariants)


@pytest.fixture(scope="module")
def release_rows(seed_release):
    return {t: read_jsonl(seed_release / f"{t}.jsonl") for t in TABLES}


def _plain(row: dict) -> dict:
    # Snapshot what a reader sees; sentences are long and follow from the offsets.
    return {k: (str(v) if isinstance(v, float) else v) for k, v in row.items() if k != "sentence"}


@pytest.mark.parametrize("doc_id", DOCS)
def test_document_snapshot(release_rows, doc_id, data_regression):
    data_regression.check({t: [_plain(r) for r in release_rows[t] if r["doc_id"] == doc_id] for t in TABLES},
                          basename=f"doc_{doc_id}")
