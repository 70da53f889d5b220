"""Spec cases for the codes extractor (tests/specs/codes.yaml), plus find/resolve checks."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.context import DocContext
from extract.extractors import codes
from tests.support import extract, find, resolve
from schema.records import CodeRecord

SPECS = yaml.safe_load((Path(__file__).parent / "specs" / "codes.yaml").read_text(encoding="utf-8"))


def _cases():
    out = []
    for family, cases in SPECS.items():
        for case in cases:
            marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
            out.append(pytest.param(case, id=f"{family}-{case['id']}", marks=marks))
    return out


def _ctx(case) -> DocContext:
    text = case["text"]
    province, city = (case.get("region") or [None, None])
    return DocContext(doc_id="spec", text=text, body_start=0, body_end=len(text),
                      region_province=province, region_city=city)


def test_spec_count():
    assert sum(len(v) for v in SPECS.values()) >= 120


def test_spec_ids_unique():
    ids = [c["id"] for cases in SPECS.values() for c in cases]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", _cases())
def test_spec(case):
    ctx = _ctx(case)
    got = extract("codes", ctx)
    by_code = {r["code"]: r for r in got}
    expected = case["expected"] or []
    assert sorted(by_code) == sorted(str(e["code"]) for e in expected)
    for e in expected:
        rec = by_code[str(e["code"])]
        for field, value in e.items():
            assert rec[field] == value, f"{e['code']}: {field} is {rec[field]!r}, expected {value!r}"


@pytest.mark.parametrize("case", _cases())
def test_spec_records_are_valid(case):
    """Every record fits the schema (with the fields the pipeline adds) and its surface."""
    ctx = _ctx(case)
    for rec in extract("codes", ctx):
        assert ctx.text[rec["start"]:rec["end"]] == rec["surface"]
        assert rec["rule"].startswith("codes.")
        assert rec["mentions"] == len(rec["mention_spans"])
        assert {"start": rec["start"], "end": rec["end"]} == rec["mention_spans"][0]
        CodeRecord(record_id="0" * 16, doc_id="spec", sentence="", **rec)


def test_find_returns_content_spans_without_quotes():
    text = "建设“ 33618 ”体系和“四链”"
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text))
    spans = find("codes", ctx)
    assert [ctx.text[s.start:s.end] for s in spans] == ["33618", "四链"]
    assert [s.rule for s in spans] == ["codes.quoted_numeric", "codes.quoted_slogan"]


def test_find_only_searches_the_body():
    text = "标题“33618”\n正文“416”科技创新布局"
    ctx = DocContext(doc_id="t", text=text, body_start=text.index("\n") + 1, body_end=len(text))
    assert [r["code"] for r in extract("codes", ctx)] == ["416"]


@pytest.mark.parametrize("text, expected", [
    ("“33618”现代制造业集群体系", {"code": "33618", "kind": "numeric", "label": "现代制造业集群体系"}),
    ("“雙核一帶一廊”空間布局", {"code": "雙核一帶一廊", "kind": "numeral_slogan", "label": "空間布局"}),
    ("“0416”", None),
    ("“四梁八柱”", None),
    ("“十五五”", None),
], ids=["numeric", "traditional_slogan", "area_code_vetoed", "idiom_vetoed", "plan_vetoed"])
def test_resolve(text, expected):
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text))
    spans = find("codes", ctx)
    assert len(spans) == 1
    rec = resolve("codes", spans[0], ctx)
    if expected is None:
        assert rec is None
    else:
        assert {k: rec[k] for k in expected} == expected


def test_extract_is_deterministic_and_sorted():
    text = "“四链”融合,“33618”体系,“双倍增”行动,“416”布局,四链"
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text))
    a = extract("codes", ctx)
    b = extract("codes", DocContext(doc_id="t", text=text, body_start=0, body_end=len(text)))
    assert a == b
    assert [r["start"] for r in a] == sorted(r["start"] for r in a)


def test_expansion_never_from_glossary():
    """A linked code keeps expansion null when the body does not spell out its parts."""
    text = "加快建设“33618”现代制造业集群体系。"
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text), region_province="重庆市")
    (rec,) = extract("codes", ctx)
    assert rec["glossary_parts"] and rec["expansion"] is None
