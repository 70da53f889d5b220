"""Spec tables for the targets extractor (tests/specs/targets.yaml) plus find/resolve."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extract import extractors
from extract.context import DocContext
from extract.validate import finish
from schema.candidates import CodeCandidate, MoneyCandidate
from schema.records import CodeRecord, DateRecord, MoneyRecord
from tests.support import extract, find, resolve

SPECS = yaml.safe_load((Path(__file__).parent / "specs" / "targets.yaml").read_text(encoding="utf-8"))
CASES = [(family, case) for family, cases in SPECS.items() for case in cases]


def _ctx(case) -> DocContext:
    text = case["text"]
    pub = case.get("published")
    if isinstance(pub, str):
        pub = dt.date.fromisoformat(pub)
    region = case.get("region")
    return DocContext(doc_id="spec", text=text, body_start=0, body_end=len(text), published=pub,
                      reference_date=pub, region_province=region if region and region.endswith(("省", "区")) else None,
                      region_city=region if region and region.endswith("市") else None)


def _records(table: str, ctx: DocContext, candidates) -> list:
    records, problems = finish(table, candidates, ctx, "spec.txt")
    assert not problems, problems
    return records


def _money(case, ctx) -> list[MoneyRecord]:
    out = []
    for m in case.get("money") or []:
        s = ctx.text.index(m["surface"])
        out.append(MoneyCandidate(start=s, end=s + len(m["surface"]), surface=m["surface"], rule="money.spec",
                                  value=Decimal(m["value"]), value_max=None, currency="CNY",
                                  qualifier=m.get("qualifier", "exact"), qualifier_text=None))
    return _records("money", ctx, out)


def _codes(case, ctx) -> list[CodeRecord]:
    out = []
    for c in case.get("codes") or []:
        s = ctx.text.index(c["surface"])
        e = s + len(c["surface"])
        out.append(CodeCandidate(start=s, end=e, surface=c["surface"], rule="codes.spec", code=c["code"],
                                 kind="numeric", label=None, mentions=1, mention_spans=[{"start": s, "end": e}],
                                 expansion=c.get("expansion"), glossary_name=None, glossary_region=None,
                                 glossary_parts=None))
    return _records("codes", ctx, out)


def _dates(ctx) -> list[DateRecord]:
    return _records("dates", ctx, extractors.get("dates").extract(ctx))


def _params():
    for family, case in CASES:
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        yield pytest.param(case, id=f"{family}-{case['id']}", marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_spec(case):
    ctx = _ctx(case)
    money = _money(case, ctx)
    codes = _codes(case, ctx)
    got = extract("targets", ctx, money=money, dates=_dates(ctx), codes=codes)
    expected = case["expected"] or []
    assert len(got) == len(expected), [(r["surface"], r["value"], r["unit"]) for r in got]
    for rec, exp in zip(got, expected):
        assert rec["surface"] == ctx.text[rec["start"]:rec["end"]]
        assert rec["rule"].startswith("targets.")
        assert rec["surface"][0] != "*" and rec["surface"][-1] != "*"
        for key, want in exp.items():
            have = rec[key]
            if key == "value":
                assert isinstance(have, Decimal), (key, have)
                assert have == Decimal(want), (key, have, want)
            elif key == "money_record_id" and want == "LINKED":
                assert have == money[0].record_id
            else:
                assert have == want, (key, have, want, rec["surface"])


def _case(family, cid):
    return next(c for f, c in CASES if f == family and c["id"] == cid)


def test_find_yields_figures_not_years_or_durations():
    ctx = _ctx({"text": "到2030年，3年内力争销量280万辆，增长6%左右。"})
    spans = find("targets", ctx)
    got = [(ctx.text[s.start:s.end], s.groups["value"], s.groups["unit"]) for s in spans]
    assert got == [("280万辆", Decimal(2800000), "辆"), ("6%左右", Decimal(6), "%")]


def test_find_keeps_offsets_on_raw_text():
    text = "力争建成５Ｇ基站３０００个。"
    ctx = _ctx({"text": text})
    (span,) = find("targets", ctx)
    assert text[span.start:span.end] == "３０００个"
    assert span.groups["value"] == Decimal(3000)


def test_find_only_in_body():
    text = "标题：销量100万辆\n力争销量200万辆。"
    ctx = DocContext(doc_id="x", text=text, body_start=text.index("\n") + 1, body_end=len(text))
    assert [s.groups["value"] for s in find("targets", ctx)] == [Decimal(2000000)]


def test_resolve_target_and_non_target():
    ctx = _ctx({"text": "去年销量达到150万辆，今年力争销量200万辆。", "published": "2024-01-01"})
    past, future = find("targets", ctx)
    assert resolve("targets", past, ctx) is None  # 去年: a past result
    rec = resolve("targets", future, ctx)
    assert rec["value"] == Decimal(2000000) and rec["deadline"] == 2024 and rec["modality"] == "力争"


def test_records_unique_per_span_and_sorted():
    case = _case("carry_over", "fenbie_two")
    got = extract("targets", _ctx(case))
    spans = [(r["start"], r["end"]) for r in got]
    assert spans == sorted(set(spans))


def test_deterministic():
    case = _case("carry_over", "paragraph_carry")
    assert extract("targets", _ctx(case)) == extract("targets", _ctx(case))
