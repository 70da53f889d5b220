"""The money extractor beyond its spec cases (tests/specs/money.yaml, run by tests/test_specs.py):
determinism, find's anchor windows against a scan of the whole body, the vetoes of
extract/rules/money.yaml run through resolve, and the rule file's strict model."""
from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract import extractors, rulebook, vocab
from extract.context import DocContext
from extract.extractors import Veto, money
from extract.extractors.money import tables as money_tables
from schema.rules import MoneyFile
from tests.specs import runner
from tests.support import ctx_for, extract


def _ctx(text: str) -> DocContext:
    return DocContext("spec", text, 0, len(text))


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


@pytest.mark.parametrize("text", [pytest.param(s.case.text, id=s.name) for s in runner.load("money")
                                  if not s.case.xfail])
def test_anchor_windows_lose_nothing_on_specs(text):
    ctx = _ctx(text)
    assert _find_with_windows(ctx) == _find_without_windows(ctx)


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "raw").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_anchor_windows_lose_nothing_on_raw(path):
    text = path.read_text(encoding="utf-8")
    ctx = DocContext(path.stem, text, 0, len(text))
    assert _find_with_windows(ctx) == _find_without_windows(ctx)


VETOES = rulebook.load("money").data["vetoes"]


def _verdicts(text: str):
    """What resolve returns for every span find yields on `text`, and the records."""
    ctx = ctx_for(text)
    ex = extractors.get("money")
    return [ex.resolve(s, ctx) for s in ex.find(ctx)], ex.extract(ctx)


def _veto_cases(kind: str):
    return [pytest.param(v["id"], text, id=f"{v['id']}-{i}") for v in VETOES for i, text in enumerate(v[kind])]


@pytest.mark.parametrize("veto_id,text", _veto_cases("examples"))
def test_veto_refuses_its_examples(veto_id, text):
    verdicts, records = _verdicts(text)
    vetoes = [v for v in verdicts if isinstance(v, Veto) and v.rule == veto_id]
    assert vetoes, f"{veto_id} refuses no span of {text!r}: {verdicts}"
    if vetoes[0].hides:
        assert not any(r.start < v.end and v.start < r.end for v in vetoes for r in records)


@pytest.mark.parametrize("veto_id,text", _veto_cases("counterexamples"))
def test_veto_keeps_its_counterexamples(veto_id, text):
    verdicts, records = _verdicts(text)
    assert not [v for v in verdicts if isinstance(v, Veto) and v.rule == veto_id]
    assert records, f"no money record in {text!r}"


def _reasons_in_code() -> set[str]:
    """The reasons of every veto("reason", …) call in the money package."""
    out = set()
    for path in Path(money.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "veto":
                out.add(node.args[0].value)
    return out


def test_every_veto_resolve_returns_is_data():
    reasons = {v["id"].rsplit(".", 1)[1] for v in VETOES}
    assert _reasons_in_code() == set(money_tables.VETOES) == reasons


def test_a_hiding_veto_is_data():
    assert [v["id"] for v in VETOES if v.get("hides")] == ["money.veto.class_label"]


def test_qualifier_words_are_common_yaml_comparison_words():
    d = money_tables.data()
    assert d.prefix == vocab.money_qualifiers("prefix") and d.suffix == vocab.money_qualifiers("suffix")
    assert "qualifiers" not in rulebook.load("money").data


def test_context_vetoes_are_read_from_money_yaml():
    """规模以上 (above designated size) holds the money noun 规模 without being money."""
    assert rulebook.load("money").data["words"]["money_context_vetoes"] == ["规模以上"]
    assert [r["surface"] for r in extract("money", _ctx("规模以上工业企业达到5万。"))] == []
    assert [r["surface"] for r in extract("money", _ctx("营收规模达到5万。"))] == ["5万"]


def _without(data: dict, path: tuple[str, ...]) -> dict:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


_RAW = rulebook.load("money").data
_KEYS = [(k,) for k in _RAW] + [("words", k) for k in _RAW["words"]] + [("patterns", k) for k in _RAW["patterns"]] \
    + [("chars", k) for k in _RAW["chars"]]


@pytest.mark.parametrize("path", _KEYS, ids=".".join)
def test_a_missing_key_fails_the_load(path):
    with pytest.raises(ValidationError):
        MoneyFile.model_validate(_without(_RAW, path))


@pytest.mark.parametrize("where", [(), ("words",), ("patterns",), ("chars",), ("vetoes", 0)], ids=str)
def test_an_unknown_key_fails_the_load(where):
    data = copy.deepcopy(_RAW)
    node = data
    for key in where:
        node = node[key]
    node["money_unknown"] = []
    with pytest.raises(ValidationError):
        MoneyFile.model_validate(data)


def test_a_veto_of_another_file_fails_the_load():
    data = copy.deepcopy(_RAW)
    data["vetoes"][0]["id"] = "dates.veto.class_label"
    with pytest.raises(ValidationError):
        MoneyFile.model_validate(data)


def test_every_value_kind_has_a_reader():
    from typing import get_args

    from extract.extractors.money.resolve import _BY_KIND
    from schema.rules.figures import _MoneyRule

    assert set(_BY_KIND) == set(get_args(_MoneyRule.model_fields["value"].annotation))
    assert set(money_tables.data().kinds) == {r.id for r in money._book().rules}
