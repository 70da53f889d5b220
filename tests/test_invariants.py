"""Invariants over every document in raw/: provenance is exact, records sit in the
article body, ids are unique, and every JSONL row re-validates into its model."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest

from schema import EXTRACTED, TABLES, model_for
from tests.conftest import RAW, read_jsonl

RECORD_TABLES = EXTRACTED
DOCS = sorted(p.stem for p in RAW.glob("*.txt"))


@pytest.fixture(scope="module")
def release(seed_release):
    return {t: read_jsonl(seed_release / f"{t}.jsonl") for t in TABLES}


def test_every_raw_document_is_in_the_release(release):
    assert sorted(d["doc_id"] for d in release["documents"]) == DOCS


@pytest.mark.parametrize("doc_id", DOCS)
@pytest.mark.parametrize("table", RECORD_TABLES)
def test_surface_is_the_raw_slice_inside_the_body(release, table, doc_id):
    text = (RAW / f"{doc_id}.txt").read_text(encoding="utf-8")
    doc = next(d for d in release["documents"] if d["doc_id"] == doc_id)
    for r in (r for r in release[table] if r["doc_id"] == doc_id):
        assert text[r["start"]:r["end"]] == r["surface"]
        assert doc["body_start"] <= r["start"] < r["end"] <= doc["body_end"]
        for span in r.get("mention_spans") or []:
            assert doc["body_start"] <= span["start"] < span["end"] <= doc["body_end"]


@pytest.mark.parametrize("table", TABLES)
def test_record_ids_are_unique(release, table):
    ids = [r["record_id"] for r in release[table]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("table", TABLES)
def test_every_row_revalidates_from_jsonl(seed_release, table):
    model = model_for(table)
    with (seed_release / f"{table}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line, parse_float=Decimal)
            assert list(model.model_validate(row).model_dump()) == list(row)


def test_the_seed_build_rejects_nothing(release):
    assert [(i["slug"], i["message"]) for i in release["issues"]] == []
