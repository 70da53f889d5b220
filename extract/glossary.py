"""Link an extracted code to a row of the initiative glossary (extract/data/initiatives.csv).

The CSV is a verbatim copy of the curated glossary (its README is extract/data/GLOSSARY.md);
it is loaded once per process. Linking follows the README:

1. Normalise the code (quotes, full-width digits and `＋` are already gone in a code
   record; traditional characters are mapped to simplified for the lookup only) and try it
   with and without a trailing system noun (`百千万工程` / `百千万`).
2. Keep the rows whose region agrees with the document's region (ctx.region_province /
   ctx.region_city, from extract/region.py):
   - `全国` rows agree with every document (national programmes);
   - company rows (`华为(企业)`) agree when the company is named in the body, under one
     of its names in extract/data/company_aliases.csv (each with its source);
   - `京津冀(北京、天津、河北)` agrees with any of the three;
   - a province row agrees with a document of that province;
   - a city/county row agrees with a document of that city, or with a document of its
     province that names the city in the body.
3. Link only when exactly one row agrees. Several rows, or a region that is unknown or
   different: no link. The glossary never fills `expansion`.

How the CSV writes regions (全国, the company suffix, region groups, town rows) is the
`glossary` section of extract/rules/codes.yaml.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from extract import rulebook, vocab
from schema.rules import CompanyAlias, GlossaryRegions


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
    """Traditional → simplified (common.yaml's table), for the lookup only."""
    return s.translate(vocab.t2s())


def _data_text(name: str) -> str:
    return resources.files("extract.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def rows() -> tuple[GlossaryRow, ...]:
    out = []
    for r in csv.DictReader(_data_text("initiatives.csv").splitlines()):
        parts = tuple(p.strip() for p in r["components"].split(" | ") if p.strip())
        out.append(GlossaryRow(r["code"].strip(), r["kind"], r["region"].strip(), r["owner"],
                               r["name"], parts, r["year"], r["source_url"]))
    return tuple(out)


@lru_cache(maxsize=1)
def company_aliases() -> dict[str, tuple[str, ...]]:
    """Company (a company row's region without its suffix) -> the names that count as
    naming it in a body (extract/data/company_aliases.csv, each with its source)."""
    out: dict[str, list[str]] = {}
    for r in csv.DictReader(_data_text("company_aliases.csv").splitlines()):
        alias = CompanyAlias.model_validate(r)
        out.setdefault(alias.company, []).append(alias.alias)
    return {company: tuple(names) for company, names in out.items()}


@lru_cache(maxsize=1)
def _system_noun_tail() -> re.Pattern:
    words = rulebook.load("codes").words["codes_system_noun"]
    return re.compile(rulebook.alternation({simplified(w) for w in words}) + "$")


def _core(code: str) -> str:
    """The lookup key: simplified script, no trailing system noun (百千万工程 → 百千万)."""
    s = simplified(code)
    stripped = _system_noun_tail().sub("", s)
    return stripped if len(stripped) >= 2 else s


@dataclass(frozen=True)
class _Glossary:
    """The rows by lookup key, and how the CSV writes regions (codes.yaml `glossary`)."""

    index: dict[str, tuple[GlossaryRow, ...]]
    regions: GlossaryRegions
    place: re.Pattern


@lru_cache(maxsize=1)
def _glossary() -> _Glossary:
    idx: dict[str, list[GlossaryRow]] = {}
    for row in rows():
        idx.setdefault(_core(row.code), []).append(row)
    regions = GlossaryRegions.model_validate(rulebook.load("codes").data["glossary"])
    return _Glossary({k: tuple(v) for k, v in idx.items()}, regions, re.compile(regions.place))


def candidates(code: str) -> tuple[GlossaryRow, ...]:
    """Every row whose code matches, regions not yet considered."""
    return _glossary().index.get(_core(code), ())


def _agrees(row: GlossaryRow, province: str | None, city: str | None, body: str) -> bool:
    from extract.region import city_province

    g = _glossary()
    regions = g.regions
    region = row.region
    if region == regions.national:
        return True
    if region.endswith(regions.company_suffix):
        name = region[: -len(regions.company_suffix)]
        return any(a in body for a in company_aliases().get(name, (name,)))
    for prefix, provinces in regions.groups.items():
        if region.startswith(prefix):
            return province in provinces
    if province is None:
        return False
    if region == province:
        return True
    # city, county or town rows: 宁波市, 长沙县, 东莞市凤岗镇
    m = g.place.match(region)
    place = m.group(0) if m else region
    if city_province(place) != province:
        return False
    if city is not None:
        return city == place or region.startswith(city)
    short = place[:-1] if len(place) >= 3 else place  # 宁波市 → 宁波
    return short in body


def link(code: str, ctx) -> GlossaryRow | None:
    """The one glossary row for `code` in this document, or None (see module doc)."""
    cands = candidates(code)
    if not cands:
        return None
    body = ctx.text[ctx.body_start:ctx.body_end]
    agree = [r for r in cands if _agrees(r, ctx.region_province, ctx.region_city, body)]
    return agree[0] if len(agree) == 1 else None
