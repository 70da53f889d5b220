"""Money spec cases (tests/specs/money.yaml) through find/resolve/extract."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from extract.context import DocContext
from extract.extractors import money
from tests.support import extract, find, resolve
from schema.records import MoneyRecord

SPECS = yaml.safe_load((Path(__file__).parent / "specs" / "money.yaml").read_text(encoding="utf-8"))
DEFAULTS = {"currency": "CNY", "qualifier": "exact"}


def _ctx(text: str) -> DocContext:
    return DocContext("spec", text, 0, len(text))


def _cases(with_xfail: bool = True):
    for group, cases in SPECS.items():
        for case in cases:
            marks = ([pytest.mark.xfail(reason=case["xfail"], strict=True)]
                     if case.get("xfail") and with_xfail else [])
            yield pytest.param(case, id=f"{group}-{case['id']}", marks=marks)


def _project(rec: dict, keys) -> dict:
    out = {}
    for k in keys:
        v = rec.get(k)
        out[k] = Decimal(str(v)) if k in ("value", "value_max") and v is not None else v
    return out


@pytest.mark.parametrize("case", list(_cases()))
def test_spec(case):
    got = extract("money", _ctx(case["text"]))
    want = [{**DEFAULTS, **e} for e in case["expect"]]
    keys = sorted({k for e in want for k in e}) or ["surface"]
    assert [_project(r, keys) for r in got] == [_project(e, keys) for e in want]


@pytest.mark.parametrize("case", list(_cases(with_xfail=False)))
def test_spec_records_are_valid(case):
    """Every record is a valid MoneyRecord whose surface is the raw slice."""
    text = case["text"]
    for rec in extract("money", _ctx(text)):
        assert text[rec["start"]:rec["end"]] == rec["surface"]
        assert rec["rule"].startswith("money.")
        MoneyRecord(record_id="x" * 16, doc_id="spec", sentence=text, **rec)


def test_ids_are_unique():
    ids = [c["id"] for cases in SPECS.values() for c in cases]
    assert len(ids) == len(set(ids))


def test_enough_cases():
    assert sum(len(c) for c in SPECS.values()) >= 150


# ---- find and resolve separately --------------------------------------------------
def test_find_yields_overlapping_candidates():
    """A range and the amount inside it are both candidates; extract keeps the range."""
    spans = find("money", _ctx("补助1万-5万元。"))
    rules = {s.rule for s in spans}
    assert {"money.range", "money.amount"} <= rules
    assert [r["rule"] for r in extract("money", _ctx("补助1万-5万元。"))] == ["money.range"]


def test_find_searches_the_body_only():
    text = "标题投资5亿元\n正文投资3亿元。"
    ctx = DocContext("d", text, text.index("正文"), len(text))
    assert [r["surface"] for r in extract("money", ctx)] == ["3亿元"]


def test_find_span_excludes_prefix_qualifier():
    text = "营收超过20亿元。"
    (span,) = [s for s in find("money", _ctx(text)) if s.rule == "money.amount"]
    assert text[span.start:span.end] == "20亿元"


@pytest.mark.parametrize("text,rule", [
    ("其中10亿元以上项目79个。", "money.amount"),        # threshold modifier of a noun
    ("品牌曝光超过20亿。", "money.bare"),                # a count, no money context
    ("形成4个万亿级主导产业。", "money.magnitude"),       # an industry scale label
])
def test_resolve_drops_found_non_money(text, rule):
    spans = [s for s in find("money", _ctx(text)) if s.rule == rule]
    assert spans, "the rule finds a candidate"
    assert all(resolve("money", s, _ctx(text)) is None for s in spans)


def test_resolve_value_has_at_most_two_decimals():
    rec = resolve("money", next(s for s in find("money", _ctx("单价3.456元")) if s.rule == "money.amount"),
                        _ctx("单价3.456元"))
    assert rec["value"] == Decimal("3.46")


def test_offsets_survive_glosses_and_fullwidth():
    text = "计划(jìhuà)产值突破万亿元(wànyìyuán)，投资１２．５亿元。"
    recs = extract("money", _ctx(text))
    assert [text[r["start"]:r["end"]] for r in recs] == ["万亿元", "１２．５亿元"]


def test_extract_is_deterministic_and_sorted():
    text = "投入2000亿元,营收超20亿元,补助1万-5万元,拿下千万级批量订单。" * 3
    a, b = extract("money", _ctx(text)), extract("money", _ctx(text))
    assert a == b
    assert [(r["start"], r["end"]) for r in a] == sorted((r["start"], r["end"]) for r in a)


def _find_without_windows(ctx):
    """The rules run over the whole body (what find's anchor windows must reproduce)."""
    out = []
    for rule in money._book().rules:
        for m in rule.regex.finditer(ctx.text, ctx.body_start, ctx.body_end):
            out.append((rule.id, m.start(), m.end()))
    return sorted(out)


def _find_with_windows(ctx):
    return sorted((rule.id, m.start(), m.end()) for rule in money._book().rules
                  for a, b in money._windows(ctx) for m in rule.regex.finditer(ctx.text, a, b))


@pytest.mark.parametrize("case", list(_cases(with_xfail=False)))
def test_anchor_windows_lose_nothing_on_specs(case):
    ctx = _ctx(case["text"])
    assert _find_with_windows(ctx) == _find_without_windows(ctx)


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "raw").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_anchor_windows_lose_nothing_on_raw(path):
    text = path.read_text(encoding="utf-8")
    ctx = DocContext(path.stem, text, 0, len(text))
    assert _find_with_windows(ctx) == _find_without_windows(ctx)
