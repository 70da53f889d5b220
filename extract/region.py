"""The region a document is about: province (full name) and, where clear, city.

Evidence, weighed in one pass over the body plus the short title and source fields:
- the source outlet (重庆日报 → 重庆市), strong;
- a dateline at the start of the body (`新华社重庆3月5日电`, `株洲新闻网3月1日讯`), strong;
- place names in the title;
- place-name frequency in the body (provinces, their short names, major cities and
  districts, which count for their province).
The word lists and the dateline pattern are data: extract/rules/regions.yaml
(schema.rules.RegionsFile). A national round-up that names
many provinces gets (None, None): the top province must hold a clear share of the
evidence, otherwise we return None rather than guess.

>>> detect_region("重庆日报讯 重庆加快建设“33618”体系，重庆……", 0, 26, None, None)
Region(province='重庆市', city=None)
>>> detect_region("苏州正加快构建产业体系，苏州工业园区，苏州市……", 0, 24, None, None)
Region(province='江苏省', city='苏州市')
>>> detect_region("重庆、江西、苏州、浙江、湖北各有亮点", 0, 18, None, None)
Region(province=None, city=None)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extract import rulebook

# Weights of the kinds of evidence (a body mention counts 1).
W_OUTLET = 6
W_DATELINE = 5
W_TITLE = 3
MIN_SCORE = 2       # below this the evidence is too weak (one passing mention)
MIN_SHARE = 0.6     # the top province's share of all province evidence
MIN_CITY = 3        # evidence a city needs
MIN_CITY_SHARE = 0.7  # of all city evidence inside the top province
MIN_CITY_OF_PROV = 0.4  # of the top province's evidence (a provincial overview naming
                        # two or three cities keeps region_city null)
DATELINE_WINDOW = 40  # characters at the start of the body a dateline lies within


class Place(NamedTuple):
    """What a place name means: its province (full name) and city (None for a province,
    a district, or any place of a municipality)."""

    province: str
    city: str | None


class Region(NamedTuple):
    """The region a document is about (None where the evidence is not clear)."""

    province: str | None
    city: str | None


@dataclass(frozen=True)
class Gazetteer:
    """regions.yaml, compiled: every name that counts as evidence, and the outlets."""

    names: dict[str, Place]
    regex: re.Pattern               # any name of `names`, longest first
    outlets: dict[str, str]         # outlet -> province
    national: tuple[str, ...]       # outlets that give no region
    city_province: dict[str, str]   # city -> province
    dateline: re.Pattern


def _names(data: dict) -> tuple[dict[str, Place], dict[str, str]]:
    names: dict[str, Place] = {}
    for prov, other in data["provinces"].items():
        names[prov] = Place(prov, None)
        for n in other:
            names[n] = Place(prov, None)
    for prov, other in data["traditional"].items():
        for n in other:
            names.setdefault(n, Place(prov, None))
    municipalities = set(data["municipalities"])
    city_province: dict[str, str] = {}
    for city, (prov, short) in data["cities"].items():
        city_province[city] = prov
        place = Place(prov, None if prov in municipalities else city)
        names[city] = place
        if short and len(short) >= 2:
            names.setdefault(short, place)
    for area, (prov, short) in data["areas"].items():
        names[area] = Place(prov, None)
        if short and len(short) >= 2:
            names.setdefault(short, Place(prov, None))
    suffixes = tuple(data["short_name_suffixes"])
    for trad, simp in data["cities_traditional"].items():
        prov = city_province.get(simp)
        if prov:
            place = Place(prov, None if prov in municipalities else simp)
            names.setdefault(trad, place)
            if trad.endswith(suffixes) and len(trad) >= 3:
                names.setdefault(trad[:-1], place)
    for a in data["ambiguous"]:
        names.pop(a, None)
    return names, city_province


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    data = rulebook.load("regions").data
    names, city_province = _names(data)
    return Gazetteer(names=names, regex=rulebook.compile(rulebook.alternation(names)),
                     outlets=dict(data["outlets"]), national=tuple(data["national_outlets"]),
                     city_province=city_province,
                     dateline=re.compile(rulebook.expand(data["dateline"]["pattern"])))


def city_province(name: str) -> str | None:
    """The province of a city, county or district named in the word lists (or None)."""
    hit = gazetteer().names.get(name)
    return hit.province if hit else None


def names_in(text: str) -> list[Place]:
    """Every place named in `text`, in order."""
    g = gazetteer()
    return [g.names[m.group(0)] for m in g.regex.finditer(text)]


class _Evidence:
    """Weighted evidence per province and per city, in the order it was found (ties of
    Counter.most_common keep that order)."""

    def __init__(self):
        self.provinces: Counter = Counter()
        self.cities: Counter = Counter()

    def add(self, place: Place, weight: int) -> None:
        self.provinces[place.province] += weight
        if place.city:
            self.cities[place.city] += weight


def _source(g: Gazetteer, ev: _Evidence, source: str) -> None:
    """The outlet of the source field (株洲新闻网: its province and its own city)."""
    if any(n in source for n in g.national):
        return
    named = [g.names[m.group(0)] for m in g.regex.finditer(source)]
    outlet_prov = next((prov for outlet, prov in g.outlets.items() if outlet in source), None)
    if outlet_prov:
        ev.add(Place(outlet_prov, None), W_OUTLET)
        for place in named:  # 株洲新闻网: the outlet's own city
            if place.province == outlet_prov and place.city:
                ev.cities[place.city] += W_OUTLET
                break
    elif named:
        ev.add(named[0], W_OUTLET)


def _dateline(g: Gazetteer, ev: _Evidence, text: str, body_start: int, body_end: int) -> None:
    """新华社重庆3月5日电 at the start of the body: its place, and an outlet it names."""
    dl = g.dateline.match(text, body_start, min(body_end, body_start + DATELINE_WINDOW))
    if not dl:
        return
    for m in g.regex.finditer(dl.group("place")):
        ev.add(g.names[m.group(0)], W_DATELINE)
    for outlet, prov in g.outlets.items():
        if outlet in dl.group(0):
            ev.add(Place(prov, None), W_DATELINE)
            break


def _city(g: Gazetteer, ev: _Evidence, top: str, score: int) -> str | None:
    """The city of the top province that holds a clear share of the evidence, or None."""
    cities = [(c, s) for c, s in ev.cities.most_common()
              if (g.names.get(c) or Place(None, None)).province == top]
    if not cities:
        return None
    c, s = cities[0]
    weights = [w for _, w in cities]
    if (s >= MIN_CITY and s >= MIN_CITY_SHARE * sum(weights) and s >= MIN_CITY_OF_PROV * score
            and (len(weights) == 1 or weights[1] < s)):
        return c
    return None


def detect_region(text: str, body_start: int, body_end: int, title: str | None,
                  source: str | None) -> Region:
    g = gazetteer()
    ev = _Evidence()
    if source:
        _source(g, ev, source)
    if title:
        for m in g.regex.finditer(title):
            ev.add(g.names[m.group(0)], W_TITLE)
    _dateline(g, ev, text, body_start, body_end)
    names, provinces, cities = g.names, ev.provinces, ev.cities
    for m in g.regex.finditer(text, body_start, body_end):  # ev.add(…, 1), inlined: the hot loop
        province, city = names[m.group(0)]
        provinces[province] += 1
        if city:
            cities[city] += 1

    if not ev.provinces:
        return Region(None, None)
    ranked = ev.provinces.most_common()
    top, score = ranked[0]
    weights = [w for _, w in ranked]
    if score < MIN_SCORE or score < MIN_SHARE * sum(ev.provinces.values()):
        return Region(None, None)
    if len(weights) > 1 and weights[1] == score:
        return Region(None, None)  # a tie: no province stands out
    return Region(top, _city(g, ev, top, score))
