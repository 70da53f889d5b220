"""Link an extracted code to a row of the initiative glossary (extract/data/initiatives.csv).

The CSV is a verbatim copy of the curated glossary (its README is extract/data/GLOSSARY.md);
it is loaded once per process. Linking follows the README:

1. Normalise the code (quotes, full-width digits and `＋` are already gone in a code
   record; traditional characters are mapped to simplified for the lookup only) and try it
   with and without a trailing system noun (`百千万工程` / `百千万`).
2. Keep the rows whose region agrees with the document's region (ctx.region_province /
   ctx.region_city, from extract/region.py):
   - `全国` rows agree with every document (national programmes);
   - company rows (`华为(企业)`) agree when the company is named in the body;
   - `京津冀(北京、天津、河北)` agrees with any of the three;
   - a province row agrees with a document of that province;
   - a city/county row agrees with a document of that city, or with a document of its
     province that names the city in the body.
3. Link only when exactly one row agrees. Several rows, or a region that is unknown or
   different: no link. The glossary never fills `expansion`.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extract import rulebook

# Traditional → simplified, for the characters that occur in codes and system nouns.
_T2S = str.maketrans(
    "萬億兩雙區帶廊體點個項場業產戰務強鏈連環節線軸樞紐網圈實現發開動類種門爭體統佈計劃劃標設單號質營數據興贛湘粵渝閩漢際國東華與專"
    "輪輛記齊優質權農機車態陸聯貿構組雲氣電鐵銀總醫療視藝園鄉鎮縣長師範",
    "万亿两双区带廊体点个项场业产战务强链连环节线轴枢纽网圈实现发开动类种门争体统布计划划标设单号质营数据兴赣湘粤渝闽汉际国东华与专"
    "轮辆记齐优质权农机车态陆联贸构组云气电铁银总医疗视艺园乡镇县长师范",
)

_COMPANY_ALIASES = {
    "华为": ("华为", "華為"),
    "国家电网": ("国家电网", "國家電網", "国网"),
    "中航工业": ("中航工业", "航空工业", "中國航空工業", "中国航空工业"),
    "长安汽车": ("长安汽车", "長安汽車"),
}


@dataclass(frozen=True)
class GlossaryRow:
    code: str
    kind: str
    region: str
    owner: str
    name: str
    parts: tuple[str, ...]
    year: str
    source_url: str


def simplified(s: str) -> str:
    return s.translate(_T2S)


@lru_cache(maxsize=1)
def rows() -> tuple[GlossaryRow, ...]:
    text = resources.files("extract.data").joinpath("initiatives.csv").read_text(encoding="utf-8")
    out = []
    for r in csv.DictReader(text.splitlines()):
        parts = tuple(p.strip() for p in r["components"].split(" | ") if p.strip())
        out.append(GlossaryRow(r["code"].strip(), r["kind"], r["region"].strip(), r["owner"],
                               r["name"], parts, r["year"], r["source_url"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _system_noun_tail() -> re.Pattern:
    words = rulebook.load("codes").words["codes_system_noun"]
    return re.compile(rulebook.alternation({simplified(w) for w in words}) + "$")


def _core(code: str) -> str:
    """The lookup key: simplified script, no trailing system noun (百千万工程 → 百千万)."""
    s = simplified(code)
    stripped = _system_noun_tail().sub("", s)
    return stripped if len(stripped) >= 2 else s


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[GlossaryRow, ...]]:
    idx: dict[str, list[GlossaryRow]] = {}
    for row in rows():
        idx.setdefault(_core(row.code), []).append(row)
    return {k: tuple(v) for k, v in idx.items()}


def candidates(code: str) -> tuple[GlossaryRow, ...]:
    """Every row whose code matches, regions not yet considered."""
    return _index().get(_core(code), ())


def _agrees(row: GlossaryRow, province: str | None, city: str | None, body: str) -> bool:
    from extract.region import city_province

    region = row.region
    if region == "全国":
        return True
    if region.endswith("(企业)"):
        name = region[: -len("(企业)")]
        return any(a in body for a in _COMPANY_ALIASES.get(name, (name,)))
    if region.startswith("京津冀"):
        return province in ("北京市", "天津市", "河北省")
    if province is None:
        return False
    if region == province:
        return True
    # city, county or town rows: 宁波市, 长沙县, 东莞市凤岗镇
    m = re.match(r"(.+?[市县區区])", region)
    place = m.group(1) if m else region
    if city_province(place) != province:
        return False
    if city is not None:
        return city == place or region.startswith(city)
    short = place[:-1] if len(place) >= 3 else place
    return short in body


def link(code: str, ctx) -> GlossaryRow | None:
    """The one glossary row for `code` in this document, or None (see module doc)."""
    cands = candidates(code)
    if not cands:
        return None
    body = ctx.text[ctx.body_start:ctx.body_end]
    agree = [r for r in cands if _agrees(r, ctx.region_province, ctx.region_city, body)]
    return agree[0] if len(agree) == 1 else None
