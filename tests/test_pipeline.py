"""The extractor contract: registry, dependency order, frozen context, explicit reference date."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from extract import extractors
from extract.context import DocContext
from extract.extractors import Deps, DocCache, Extractor, Veto, register
from extract.extractors.dates import reference_date
from schema.candidates import CANDIDATES, PROVENANCE, candidate_fields
from schema import model_for


def test_every_extracted_table_has_one_extractor_in_dependency_order():
    order = [e.table for e in extractors.ordered()]
    assert sorted(order) == sorted(CANDIDATES)
    for i, ex in enumerate(extractors.ordered()):
        assert set(ex.needs) <= set(order[:i]), f"{ex.table} runs before what it needs"
    assert extractors.get("targets").needs == ("money", "dates", "codes")


def test_a_second_extractor_for_a_table_is_refused():
    with pytest.raises(ValueError, match="second extractor"):
        @register
        class Again(Extractor):
            table = "money"


def test_an_unknown_table_is_refused():
    with pytest.raises(ValueError, match="not an extracted table"):
        @register
        class Nowhere(Extractor):
            table = "documents"


def test_context_is_frozen_and_the_reference_date_is_passed_on():
    ctx = DocContext("d", "3月5日召开", 0, 6, published=dt.date(2024, 3, 11))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.reference_date = dt.date(2020, 1, 1)
    assert ctx.reference_date is None
    ctx.sentence_index  # computed once …
    new = ctx.with_reference(reference_date(ctx))
    assert new.reference_date == dt.date(2024, 3, 11) and ctx.reference_date is None
    assert new.__dict__["sentence_index"] is ctx.__dict__["sentence_index"]  # … and shared


def test_reference_date_falls_back_to_the_latest_precise_body_date():
    text = "2023年5月召开会议。2024年1月31日印发。2025年将完成。"
    assert reference_date(DocContext("d", text, 0, len(text))) == dt.date(2024, 1, 31)
    assert reference_date(DocContext("d", "今年将完成。", 0, 6)) is None


def test_candidates_carry_the_model_fields_without_provenance():
    for table, cls in CANDIDATES.items():
        want = [f for f in model_for(table).model_fields if f not in PROVENANCE]
        assert list(candidate_fields(table)) == want
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(cls(**{f: None for f in want}), "start", 1)


def test_doc_cache_keeps_one_document_by_identity():
    cache, calls = DocCache(), []
    a = DocContext("a", "文本甲", 0, 3)
    b = DocContext("b", "文本乙", 0, 3)
    make = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get(a, "x", make) == 1
    assert cache.get(a.with_reference(dt.date(2024, 1, 1)), "x", make) == 1  # same text and body
    assert cache.get(b, "x", make) == 2
    assert cache.get(a, "x", make) == 3  # a was forgotten when b came
    on = object()
    assert cache.get(a, "y", make, on=on) == 4 and cache.get(a, "y", make, on=on) == 4
    assert cache.get(a, "y", make, on=object()) == 5


def test_a_hiding_veto_removes_the_candidates_it_overlaps():
    money = extractors.get("money")
    text = "营收100万—500万元的小微企业，奖励20万元。"
    ctx = DocContext("d", text, 0, len(text))
    resolved = [(s, money.resolve(s, ctx)) for s in money.find(ctx)]
    vetoes = [v for _, v in resolved if isinstance(v, Veto)]
    assert vetoes and all(v.rule == "money.veto.class_label" and v.hides for v in vetoes)
    assert [c.surface for c in money.select([(s, c) for s, c in resolved if c], ctx, Deps())] == ["20万元"]
