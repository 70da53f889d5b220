"""The codes extractor beyond its spec cases (tests/specs/codes.yaml, run by tests/test_specs.py):
find and resolve, the vetoes of extract/rules/codes.yaml run through find, resolve and extract,
and the rule file's strict model."""
from __future__ import annotations

import copy
import re

import pytest
from pydantic import ValidationError

from extract import extractors, rulebook
from extract.context import DocContext
from extract.extractors import Veto, codes
from extract.extractors.codes.book import book
from schema.rules import FILE_MODELS
from tests.specs import runner, subjects
from tests.support import extract, find, resolve


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



def test_expansion_never_from_glossary():
    """A linked code keeps expansion null when the body does not spell out its parts."""
    text = "加快建设“33618”现代制造业集群体系。"
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text), region_province="重庆市")
    (rec,) = extract("codes", ctx)
    assert rec["glossary_parts"] and rec["expansion"] is None


# ------------------------------------------------------------------ vetoes as data
CODES_FILE = rulebook.load("codes").data
VETOES = CODES_FILE["vetoes"]
EXTRACTOR = extractors.get("codes")


def _verdicts(text: str):
    ctx = DocContext(doc_id="t", text=text, body_start=0, body_end=len(text))
    return ctx, [(span, EXTRACTOR.resolve(span, ctx)) for span in EXTRACTOR.find(ctx)]


def _veto_cases(kind: str):
    return [pytest.param(v["id"], text, id=f"{v['id']}-{i}") for v in VETOES for i, text in enumerate(v[kind])]


@pytest.mark.parametrize("veto_id, text", _veto_cases("examples"))
def test_veto_refuses_its_example(veto_id, text):
    """find proposes the code, resolve refuses it with this veto, extract keeps no record of it."""
    ctx, verdicts = _verdicts(text)
    refused = [(s.start, s.end) for s, v in verdicts if isinstance(v, Veto) and v.rule == veto_id]
    assert refused, f"{veto_id} refuses nothing in {text!r}: {[(s.rule, v) for s, v in verdicts]}"
    for s, v in verdicts:
        if isinstance(v, Veto):
            assert (v.start, v.end) == (s.start, s.end)
    assert not [r for r in extract("codes", ctx) if (r["start"], r["end"]) in refused]


@pytest.mark.parametrize("veto_id, text", _veto_cases("counterexamples"))
def test_veto_keeps_its_counterexample(veto_id, text):
    """The same shape is a code: this veto refuses nothing and a record is made."""
    ctx, verdicts = _verdicts(text)
    assert not [v for _, v in verdicts if isinstance(v, Veto) and v.rule == veto_id]
    assert extract("codes", ctx), f"no code in {text!r}: {[(s.rule, v) for s, v in verdicts]}"


def test_resolve_names_the_veto():
    text = "要有“四梁八柱”,纪念“5·12”"
    ctx, verdicts = _verdicts(text)
    assert [(v.rule, text[v.start:v.end]) for _, v in verdicts] == \
        [("codes.veto.idiom", "四梁八柱"), ("codes.veto.event_date", "5·12")]


def test_a_veto_id_names_one_family():
    ids = [v["id"] for v in VETOES]
    assert len(ids) == len(set(ids)) and all(i.startswith("codes.veto.") for i in ids)


def test_the_first_refusing_veto_in_file_order_names_the_refusal():
    vetoes = book().vetoes
    # 十亿 is a scale word and one Chinese number: the scale veto comes first
    refusing = [v.id for v in vetoes.slogan if v.refuses("十亿", "十亿")]
    assert refusing == ["codes.veto.scale", "codes.veto.plain_number"]
    assert vetoes.slogan_veto("十亿") == "codes.veto.scale"
    assert vetoes.numeric_veto("2024", labelled=False) == "codes.veto.year"
    # 0204: a leading zero (area code) comes before the digit-count vetoes in the file
    assert vetoes.numeric_veto("0204", labelled=False) == "codes.veto.area_code"
    assert vetoes.numeric_veto("1", labelled=True) == "codes.veto.bare_number"
    assert vetoes.numeric_veto("2024", labelled=True) is None


# ---- a count of visits (the family of 三下团组)
@pytest.mark.parametrize("text", [
    "代表们说,省委书记“两下团组”,问得很细。",
    "乡长“三访困难户”,把政策讲到家门口。",
    "春节前,区长“两赴群众”家中慰问。",
    "她“七下農戶”,終於摸清了底數。",
])
def test_visits_to_people_are_counts_not_codes(text):
    ctx, verdicts = _verdicts(text)
    assert [v.rule for _, v in verdicts] == ["codes.veto.event_count"]
    assert extract("codes", ctx) == []


@pytest.mark.parametrize("text, code", [
    ("各地开展“三下乡”志愿服务。", "三下乡"),          # culture, science and health go to the villages
    ("弘扬“四下基层”优良作风。", "四下基层"),          # a work method: a level, not people
    ("深化“五进社区”服务。", "五进社区"),              # services brought into a place
    ("“三访三评”活动全面铺开。", "三访三评"),          # two numerals: a paired slogan
])
def test_campaigns_of_the_same_shape_stay_codes(text, code):
    ctx, verdicts = _verdicts(text)
    assert not [v for _, v in verdicts if isinstance(v, Veto)]
    assert [r["code"] for r in extract("codes", ctx)] == [code]


def test_the_seed_phrase_is_refused_by_its_family_not_a_word_list():
    ctx, verdicts = _verdicts("总书记“三下团组”,谈的都是新质生产力。")
    assert [v.rule for _, v in verdicts] == ["codes.veto.event_count"]
    assert not any("三下团组" in v.get("words", []) for v in VETOES)


# ---- the rule file's shape
def test_helper_patterns_find_their_examples():
    for name, spec in CODES_FILE["patterns"].items():
        rx = re.compile(rulebook.expand(spec["pattern"]))
        for text in spec["examples"]:
            assert rx.search(text), f"patterns.{name} does not match {text!r}"


@pytest.mark.parametrize("change", [
    lambda d: d.update(not_codes={}),                                       # an unknown key
    lambda d: d["vetoes"][0].update(reason="x"),                            # an unknown veto key
    lambda d: d["vetoes"][0].update(check={"digits": {"min": 2}, "year": [1, 2]}),  # two checks
    lambda d: d["vetoes"][0].update(words=["一流"]),                        # words on a numeric veto
    lambda d: d["vetoes"][-1].update(check={"year": [1900, 2100]}),        # a numeric check on slogans
    lambda d: d["vetoes"][0].update(counterexamples=[]),                    # a veto without its cases
    lambda d: d["vetoes"].append(dict(d["vetoes"][0])),                     # an id used twice
    lambda d: d["rules"][0].update(role="find"),                            # an unknown role
])
def test_codes_yaml_is_checked_strictly(change):
    data = copy.deepcopy(CODES_FILE)
    change(data)
    with pytest.raises(ValidationError):
        FILE_MODELS["codes"].model_validate(data)


def test_codes_yaml_as_shipped_is_valid():
    FILE_MODELS["codes"].model_validate(CODES_FILE)
