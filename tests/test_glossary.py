"""The initiative glossary shipped as data, and linking codes to it (extract/glossary.py)."""
from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract import glossary, rulebook, vocab
from extract.context import DocContext
from schema.rules import CompanyAlias

SHARED = Path(__file__).resolve().parents[2] / "shared" / "glossary" / "initiatives.csv"


def _ctx(body, province=None, city=None):
    return DocContext(doc_id="g", text=body, body_start=0, body_end=len(body),
                      region_province=province, region_city=city)


def test_csv_is_shipped_with_its_source_column():
    text = resources.files("extract.data").joinpath("initiatives.csv").read_text(encoding="utf-8")
    header = next(csv.reader(text.splitlines()))
    assert header == ["code", "kind", "region", "owner", "name", "components", "year", "source_url"]
    assert len(glossary.rows()) == 87


@pytest.mark.skipif(not SHARED.exists(), reason="shared glossary not beside the project")
def test_csv_is_an_unchanged_copy():
    shipped = resources.files("extract.data").joinpath("initiatives.csv").read_bytes()
    assert shipped == SHARED.read_bytes()


def test_rows_are_loaded_once(monkeypatch):
    """The CSV is read once per process, however often its rows are asked for (counted where
    the file is read, so a lost cache shows as a second read)."""
    reads = []
    real = glossary._data_text
    monkeypatch.setattr(glossary, "_data_text", lambda name: reads.append(name) or real(name))
    glossary.rows.cache_clear()
    try:
        first = glossary.rows()
        assert len(first) == 87 and reads == ["initiatives.csv"]
        assert all(glossary.rows() is first for _ in range(3))
        assert reads == ["initiatives.csv"]
    finally:
        glossary.rows.cache_clear()  # the next caller reads the real package again


def test_every_company_row_has_its_names_with_sources():
    suffix = rulebook.load("codes").data["glossary"]["company_suffix"]
    companies = {r.region[: -len(suffix)] for r in glossary.rows() if r.region.endswith(suffix)}
    aliases = glossary.company_aliases()
    assert companies and companies <= set(aliases)
    for company in companies:
        assert company in aliases[company]  # the CSV's own name counts
    text = resources.files("extract.data").joinpath("company_aliases.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        assert CompanyAlias.model_validate(row).source.strip()


@pytest.mark.parametrize("body", ["国网“一体四翼”", "國家電網“一体四翼”"])
def test_a_company_is_named_under_its_aliases(body):
    row = glossary.link("一体四翼", _ctx(body))
    assert row is not None and row.region == "国家电网(企业)"


def test_a_company_alias_row_must_name_its_source():
    with pytest.raises(ValidationError):
        CompanyAlias.model_validate({"company": "华为", "alias": "華為", "source": ""})


def test_lookup_uses_the_shared_traditional_table():
    """glossary.simplified is common.yaml's t2s, no private copy."""
    assert glossary.simplified("百千萬工程") == "百千万工程".translate(vocab.t2s())
    assert glossary.candidates("百千萬") == glossary.candidates("百千万")


def test_parts_split():
    (row,) = [r for r in glossary.rows() if r.code == "7+28+N"]
    assert len(row.parts) == 3 and row.parts[0].startswith("7: ")


@pytest.mark.parametrize("code, body, province, city, region", [
    ("33618", "“33618”", "重庆市", None, "重庆市"),
    ("33618", "“33618”", None, None, None),
    ("33618", "“33618”", "四川省", None, None),
    ("一带一路", "“一带一路”", None, None, "全国"),
    ("四链", "“四链”", "湖南省", None, "全国"),
    ("百千万工程", "“百千万工程”", "广东省", None, "广东省"),
    ("百千万", "“百千万”工程", "广东省", None, "广东省"),
    ("百千万", "“百千万”亿级产业集群", "河南省", None, "河南省"),
    ("百千万", "“百千万”", None, None, None),
    ("百千萬", "“百千萬”工程", "广东省", None, "广东省"),
    ("361", "宁波“361”体系", "浙江省", None, "宁波市"),
    ("361", "“361”体系", "浙江省", None, None),
    ("361", "“361”体系", "浙江省", "宁波市", "宁波市"),
    ("4+2+3", "长沙县“4+2+3”产业链", "湖南省", None, "长沙县"),
    ("1+8+N", "华为“1+8+N”", None, None, "华为(企业)"),
    ("1+8+N", "某公司“1+8+N”", None, None, None),
    ("六链五群", "“六链五群”", "天津市", None, "京津冀(北京、天津、河北)"),
    ("1+1+4+10", "凤岗镇“1+1+4+10”", "广东省", "东莞市", "东莞市凤岗镇"),
    ("415X", "“415X”", "浙江省", None, "浙江省"),
    ("99999", "“99999”", "浙江省", None, None),
], ids=["province", "no_region", "other_region", "national", "national_in_province", "with_noun",
        "noun_stripped_collision_guangdong", "collision_henan", "collision_unknown_region",
        "traditional", "city_named_in_body", "city_not_named", "city_from_region", "county",
        "company_named", "company_not_named", "jing_jin_ji", "town_row", "province_415x", "unknown_code"])
def test_link(code, body, province, city, region):
    row = glossary.link(code, _ctx(body, province, city))
    assert (row.region if row else None) == region


def test_candidates_ignore_region():
    assert {r.region for r in glossary.candidates("百千万")} == {"河南省", "广东省"}
