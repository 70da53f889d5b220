"""The codes extractor beyond its spec cases (tests/specs/codes.yaml, run by tests/test_specs.py)."""
from __future__ import annotations

from extract.context import DocContext
from tests.specs import runner, subjects
from tests.support import extract


def test_extract_is_deterministic_and_sorted():
    text = "“四链”融合,“33618”体系,“双倍增”行动,“416”布局,四链"
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text))
    a = extract("codes", ctx)
    b = extract("codes", DocContext(doc_id="t", text=text, body_start=0, body_end=len(text)))
    assert a == b
    assert [r["start"] for r in a] == sorted(r["start"] for r in a)


def test_a_record_sits_on_its_first_mention():
    """Over every codes spec text: the record's span is the first of its mention spans."""
    for spec in runner.load("codes"):
        ctx = subjects.context(spec.case)
        for rec in extract("codes", ctx):
            assert rec["mention_spans"][0] == {"start": rec["start"], "end": rec["end"]}, spec.name
            assert rec["mention_spans"] == sorted(rec["mention_spans"], key=lambda m: m["start"]), spec.name
