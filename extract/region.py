"""The region a document is about: province (full name) and, where clear, city.

Evidence, weighed in one pass over the body plus the short title and source fields:
- the source outlet (重庆日报 → 重庆市), strong;
- a dateline at the start of the body (`新华社重庆3月5日电`, `株洲新闻网3月1日讯`), strong;
- place names in the title;
- place-name frequency in the body (provinces, their short names, major cities and
  districts, which count for their province).
The word lists are data: extract/rules/regions.yaml. A national round-up that names
many provinces gets (None, None): the top province must hold a clear share of the
evidence, otherwise we return None rather than guess.

>>> detect_region("重庆日报讯 重庆加快建设“33618”体系，重庆……", 0, 26, None, None)
('重庆市', None)
>>> detect_region("苏州正加快构建产业体系，苏州工业园区，苏州市……", 0, 24, None, None)
('江苏省', '苏州市')
>>> detect_region("重庆、江西、苏州、浙江、湖北各有亮点", 0, 18, None, None)
(None, None)
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

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

_DATELINE = re.compile(r"^[\s　]*(?:[（(【\[]?\s*)?(?:新华社|中新社|中新网|本报|人民网|央视网|记者)?"
                       r"(?P<place>[\u4e00-\u9fff]{2,5}?)(?:[0-9０-９]{1,2}月[0-9０-９]{1,2}日)(?:电|讯)")


@lru_cache(maxsize=1)
def _tables():
    data = rulebook.load("regions").data
    name_to: dict[str, tuple[str, str | None]] = {}
    ambiguous = set(data.get("ambiguous") or [])
    for prov, names in (data.get("provinces") or {}).items():
        name_to[prov] = (prov, None)
        for n in names:
            name_to[n] = (prov, None)
    for prov, names in (data.get("traditional") or {}).items():
        for n in names:
            name_to.setdefault(n, (prov, None))
    municipalities = set(data.get("municipalities") or [])
    city_province: dict[str, str] = {}
    for city, (prov, short) in (data.get("cities") or {}).items():
        city_province[city] = prov
        c = None if prov in municipalities else city
        name_to[city] = (prov, c)
        if short and len(short) >= 2:
            name_to.setdefault(short, (prov, c))
    for area, (prov, short) in (data.get("areas") or {}).items():
        name_to[area] = (prov, None)
        if short and len(short) >= 2:
            name_to.setdefault(short, (prov, None))
    for trad, simp in (data.get("cities_traditional") or {}).items():
        prov = city_province.get(simp)
        if prov:
            c = None if prov in municipalities else simp
            name_to.setdefault(trad, (prov, c))
            if trad.endswith(("市", "區")) and len(trad) >= 3:
                name_to.setdefault(trad[:-1], (prov, c))
    for a in ambiguous:
        name_to.pop(a, None)
    regex = rulebook.compile(rulebook.alternation(name_to))
    outlets = dict(data.get("outlets") or {})
    national = tuple(data.get("national_outlets") or ())
    return name_to, regex, outlets, national, city_province


def city_province(name: str) -> str | None:
    """The province of a city, county or district named in the word lists (or None)."""
    name_to, regex, *_ = _tables()
    hit = name_to.get(name)
    return hit[0] if hit else None


def names_in(text: str) -> list[tuple[str, str | None]]:
    """Every (province, city) named in `text`, in order."""
    name_to, regex, *_ = _tables()
    return [name_to[m.group(0)] for m in regex.finditer(text)]


def detect_region(text: str, body_start: int, body_end: int, title: str | None,
                  source: str | None) -> tuple[str | None, str | None]:
    name_to, regex, outlets, national, _ = _tables()
    prov_score: Counter = Counter()
    city_score: Counter = Counter()

    def add(prov, city, w):
        prov_score[prov] += w
        if city:
            city_score[city] += w

    if source and not any(n in source for n in national):
        named = [name_to[m.group(0)] for m in regex.finditer(source)]
        outlet_prov = next((prov for outlet, prov in outlets.items() if outlet in source), None)
        if outlet_prov:
            add(outlet_prov, None, W_OUTLET)
            for prov, city in named:  # 株洲新闻网: the outlet's own city
                if prov == outlet_prov and city:
                    city_score[city] += W_OUTLET
                    break
        elif named:
            add(*named[0], W_OUTLET)
    if title:
        for m in regex.finditer(title):
            add(*name_to[m.group(0)], W_TITLE)
    dl = _DATELINE.match(text, body_start, min(body_end, body_start + 40))
    if dl:
        for m in regex.finditer(dl.group("place")):
            add(*name_to[m.group(0)], W_DATELINE)
        for outlet, prov in outlets.items():
            if outlet in dl.group(0):
                add(prov, None, W_DATELINE)
                break
    for m in regex.finditer(text, body_start, body_end):
        add(*name_to[m.group(0)], 1)

    if not prov_score:
        return None, None
    (top, score), *rest = prov_score.most_common()
    total = sum(prov_score.values())
    if score < MIN_SCORE or score < MIN_SHARE * total:
        return None, None
    if rest and rest[0][1] == score:
        return None, None
    cities = [(c, s) for c, s in city_score.most_common() if name_to.get(c, (None,))[0] == top]
    city = None
    if cities:
        c, s = cities[0]
        c_total = sum(s2 for _, s2 in cities)
        if (s >= MIN_CITY and s >= MIN_CITY_SHARE * c_total and s >= MIN_CITY_OF_PROV * score
                and (len(cities) == 1 or cities[1][1] < s)):
            city = c
    return top, city
