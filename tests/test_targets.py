"""The targets extractor beyond its spec cases (tests/specs/targets.yaml, run by
tests/test_specs.py): one record per span, in text order, deterministic."""
from __future__ import annotations

from tests.specs import runner, subjects
from tests.support import extract


def _extract(case_id: str) -> list[dict]:
    spec = runner.case("targets", case_id)
    ctx = subjects.context(spec.case)
    return extract("targets", ctx, **subjects.deps("targets", spec.case, ctx))


def test_records_unique_per_span_and_sorted():
    got = _extract("fenbie_two")
    spans = [(r["start"], r["end"]) for r in got]
    assert spans == sorted(set(spans))


def test_deterministic():
    assert _extract("paragraph_carry") == _extract("paragraph_carry")
