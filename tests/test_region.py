"""Document region (extract/region.py): outlet, title, dateline and body place names."""
from __future__ import annotations

import copy

import pytest
from pydantic import ValidationError

from extract import region, rulebook
from schema.rules import FILE_MODELS


def _detect(body, title=None, source=None, prefix=""):
    text = prefix + body
    return region.detect_region(text, len(prefix), len(text), title, source)


@pytest.mark.parametrize("body, title, source, expected", [
    ("加快建设现代制造业集群体系,推动工业高质量发展。", None, "重庆日报网", ("重庆市", None)),
    ("全省工业稳中有进。", "浙江发布先进制造业集群培育方案", None, ("浙江省", None)),
    ("苏州正加快构建产业体系。苏州工业总产值突破4万亿元。苏州将继续发力。", None, None, ("江苏省", "苏州市")),
    ("重庆、江西、苏州、浙江、湖北、四川各有亮点。", None, None, (None, None)),
    ("新质生产力在各地蓬勃发展。", None, "经济日报", (None, None)),
    ("会议强调,要因地制宜发展新质生产力。", None, None, (None, None)),
    ("全市签约项目11个。", None, "株洲新闻网", ("湖南省", "株洲市")),
    ("浙江省優化空間布局。唱響杭州、寧波“雙城記”,推進環杭州灣產業一體化。", None, None, ("浙江省", None)),
    ("涪陵区加快建设现代制造业集群体系,涪陵正围绕全市布局推进。", None, None, ("重庆市", None)),
    ("如果把吉林的产业发展比作树木,吉林老工业基地有了新变化。", None, None, ("吉林省", None)),
    ("宁夏产业呈加快发展态势。", None, None, (None, None)),
    ("廣東省培育半導體產業集群,廣東將加快發展。", None, None, ("广东省", None)),
    ("内蒙古自治区加快建设,内蒙古能源产业发展迅速。", None, None, ("内蒙古自治区", None)),
], ids=["outlet", "title", "city_frequency", "national_roundup", "national_outlet", "no_place",
        "outlet_names_city", "provincial_overview_keeps_city_null", "district_counts_for_municipality",
        "jilin_province", "one_mention_is_weak", "traditional_names", "autonomous_region"])
def test_detect_region(body, title, source, expected):
    assert _detect(body, title, source) == expected


def test_dateline_is_strong_evidence():
    body = "中新网兰州5月29日电 全国各地都在推进,北京、上海也有动作。甘肃省政府新闻办举行发布会。"
    assert _detect(body)[0] == "甘肃省"


def test_only_the_body_counts_from_the_text():
    prefix = "相关阅读:重庆 重庆 重庆 重庆\n"
    assert _detect("浙江加快发展,浙江省出台方案,浙江企业受益。", prefix=prefix) == ("浙江省", None)


def test_ambiguous_names_are_not_evidence():
    assert _detect("长安汽车发布新车,长安品牌销量增长,长安加快转型。") == (None, None)


@pytest.mark.parametrize("name, province", [
    ("宁波市", "浙江省"), ("长沙县", "湖南省"), ("东莞市", "广东省"), ("涪陵区", "重庆市"), ("不存在", None),
])
def test_city_province(name, province):
    assert region.city_province(name) == province


def test_province_names_are_full_names():
    names = {p for p, _ in region.names_in("重庆 浙江 广西 新疆 内蒙古 宁夏 西藏")}
    assert names == {"重庆市", "浙江省", "广西壮族自治区", "新疆维吾尔自治区", "内蒙古自治区",
                     "宁夏回族自治区", "西藏自治区"}


REGIONS_FILE = rulebook.load("regions").data


@pytest.mark.parametrize("text", REGIONS_FILE["dateline"]["examples"])
def test_dateline_pattern_finds_its_examples(text):
    assert region.gazetteer().dateline.match(text)


@pytest.mark.parametrize("text", REGIONS_FILE["dateline"]["counterexamples"])
def test_dateline_pattern_rejects_its_counterexamples(text):
    assert not region.gazetteer().dateline.match(text)


@pytest.mark.xfail(strict=True, reason="the dateline pattern opens with ^, which matches only at the "
                   "start of the text, so a dateline after a header (body_start > 0) is never read")
def test_dateline_after_a_header_is_evidence():
    body = "中新网兰州5月29日电 全国各地都在推进,北京、上海也有动作。甘肃省政府新闻办举行发布会。"
    assert _detect(body, prefix="标题\n")[0] == "甘肃省"


def test_region_is_a_named_pair():
    got = _detect("苏州正加快构建产业体系。苏州工业总产值突破4万亿元。苏州将继续发力。")
    assert (got.province, got.city) == ("江苏省", "苏州市") and got == ("江苏省", "苏州市")


@pytest.mark.parametrize("change", [
    lambda d: d.update(regions=[]),                                     # an unknown key
    lambda d: d["cities"].update({"某某市": ["某某省", "某某"]}),         # a province not listed
    lambda d: d["outlets"].update({"某某日报": "某某省"}),
    lambda d: d["dateline"].update(flags="x"),
])
def test_regions_yaml_is_checked_strictly(change):
    data = copy.deepcopy(REGIONS_FILE)
    change(data)
    with pytest.raises(ValidationError):
        FILE_MODELS["regions"].model_validate(data)
