"""The targets extractor beyond its spec cases (tests/specs/targets.yaml, run by
tests/test_specs.py): find and resolve apart, one record per span, in text order,
deterministic; the rule data: value kinds (a new rule of a known kind yields targets, a bad
one fails the load with its id) and the vetoes, each example and counterexample run through
resolve and extract."""
from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal

import pytest

from extract import extractors, rulebook
from extract.context import DocContext
from extract.extractors import Deps, Veto, targets
from extract.extractors.targets.data import data as targets_data
from tests import support
from tests.specs import runner, subjects
from tests.support import ctx_for, extract, find, resolve


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


def _ctx(text: str, published: str | None = None) -> DocContext:
    return ctx_for(text, published=dt.date.fromisoformat(published) if published else None)


def test_find_yields_figures_not_years_or_durations():
    ctx = _ctx("到2030年，3年内力争销量280万辆，增长6%左右。")
    spans = find("targets", ctx)
    got = [(ctx.text[s.start:s.end], s.groups["value"], s.groups["unit"]) for s in spans]
    assert got == [("280万辆", Decimal(2800000), "辆"), ("6%左右", Decimal(6), "%")]


def test_find_keeps_offsets_on_raw_text():
    text = "力争建成５Ｇ基站３０００个。"
    ctx = _ctx(text)
    (span,) = find("targets", ctx)
    assert text[span.start:span.end] == "３０００个"
    assert span.groups["value"] == Decimal(3000)


def test_find_only_in_body():
    text = "标题：销量100万辆\n力争销量200万辆。"
    ctx = DocContext(doc_id="x", text=text, body_start=text.index("\n") + 1, body_end=len(text))
    assert [s.groups["value"] for s in find("targets", ctx)] == [Decimal(2000000)]


def test_resolve_target_and_non_target():
    ctx = _ctx("去年销量达到150万辆，今年力争销量200万辆。", "2024-01-01")
    past, future = find("targets", ctx)
    dates = support.records("dates", ctx)
    assert resolve("targets", past, ctx, dates=dates) is None  # 去年: a past result
    rec = resolve("targets", future, ctx, dates=dates)
    assert rec["value"] == Decimal(2000000) and rec["deadline"] == 2024 and rec["modality"] == "力争"


# ---- rules as data: value kinds and vetoes ----------------------------------------------

REFERENCE = dt.date(2024, 3, 5)  # the reference date of the vetoes' cases (targets.yaml)
TARGETS = extractors.get("targets")
DATA = targets_data()


def _verdicts(text: str, extractor=TARGETS):
    """(span, resolve's verdict) for every figure of `text`, and extract's records."""
    ctx = ctx_for(text, published=REFERENCE)
    deps = support.deps("targets", ctx)
    return [(s, extractor.resolve(s, ctx, deps)) for s in extractor.find(ctx)], extractor.extract(ctx, deps)


def _veto_cases(kind):
    for v in DATA.vetoes.values():
        for i, text in enumerate(getattr(v, kind)):
            yield pytest.param(v.id, text, id=f"{v.id}-{i}")


@pytest.mark.parametrize("veto,text", list(_veto_cases("examples")))
def test_veto_refuses_a_figure_of_its_example(veto, text):
    verdicts, records = _verdicts(text)
    refused = [s for s, v in verdicts if isinstance(v, Veto) and v.rule == veto]
    assert refused, [(text[s.start:s.end], v) for s, v in verdicts]
    for s in refused:  # no record is made of the refused figure
        assert not any(r.start <= s.start and s.end <= r.end and r.rule == s.rule
                       and r.value == s.groups["value"] for r in records)
        assert next(v for f, v in verdicts if f is s) == Veto(veto, s.start, s.end)


@pytest.mark.parametrize("veto,text", list(_veto_cases("counterexamples")))
def test_veto_lets_the_figure_of_its_counterexample_be_a_target(veto, text):
    verdicts, records = _verdicts(text)
    assert not any(isinstance(v, Veto) and v.rule == veto for _, v in verdicts)
    targets = [v for _, v in verdicts if isinstance(v, TARGETS.candidate)]
    assert targets and all(t in records for t in targets), [(text[s.start:s.end], v) for s, v in verdicts]


def test_every_veto_has_a_case_and_its_id():
    assert set(DATA.ids._fields) == set(DATA.vetoes)
    assert all(v.id == f"targets.veto.{k}" for k, v in DATA.vetoes.items())


def _raw_copy() -> dict:
    return copy.deepcopy(rulebook.load("targets").data)


def test_a_new_rule_of_a_known_kind_yields_targets():
    """A rule added to (a copy of) targets.yaml finds figures and targets with no code change."""
    raw = _raw_copy()
    raw["rules"].append({"id": "targets.test_permille", "value": "percent",
                         "pattern": "千分之(?P<num>[0-9]+)", "examples": ["千分之5"]})
    ex = targets.Targets(rules=targets.build(raw))
    verdicts, records = _verdicts("今年力争不良率控制在千分之5以内。", ex)
    assert [(s.rule, s.groups["value"]) for s, _ in verdicts] == [("targets.test_permille", Decimal(5))]
    (rec,) = records
    assert rec.rule == "targets.test_permille" and rec.modality == "力争" and rec.deadline == 2024
    assert extract("targets", ctx_for("今年力争不良率控制在千分之5以内。", published=REFERENCE)) == []


@pytest.mark.parametrize("change,message", [
    ({"value": "permille"}, "rule targets.figure: unknown value kind 'permille'"),
    ({"value": "fraction"}, "rule targets.figure: value kind 'fraction' needs the groups ['den']"),
    ({"unit_of": "x"}, "unit_of"),
])
def test_a_rule_with_a_bad_kind_fails_the_load_with_its_id(change, message):
    raw = _raw_copy()
    raw["rules"][0] = {**raw["rules"][0], **change}
    with pytest.raises(ValueError, match=re.escape(message)):
        targets.build(raw)


def test_a_veto_the_reader_does_not_implement_fails_the_load():
    raw = _raw_copy()
    raw["vetoes"].append({**raw["vetoes"][0], "id": "targets.veto.unknown_reason"})
    with pytest.raises(ValueError, match="unknown_reason"):
        targets.build(raw)


def test_the_targets_file_forbids_unknown_keys():
    raw = _raw_copy()
    raw["target_words"] = {}
    with pytest.raises(ValueError, match="target_words"):
        targets.build(raw)
