"""Dates (GUIDELINES §3): calendar points and periods, resolved to ISO ranges.

find(ctx)           spans from the rules in extract/rules/dates.yaml, over the body only;
resolve(span, ctx)  the record fields of one span (None = drop: an impossible calendar
                    value such as month 13, day 32 or year 0999, or a reversed range);
extract(ctx)        the document's records, resolved against ctx.reference_date (set by the
                    pipeline through extract.reference.reference_date before any extractor).

How a date without a written year gets one (GUIDELINES §3, dev DECISIONS §5):
- an explicit single year named earlier in the same sentence fixes it
  (`2024年株洲市一季度` → 2024 Q1, relative=false; `2023年…比上年` → 2022);
  not for 全年, which like 今年 always means the reference year;
- otherwise the reference date's year (relative=true), or null dates without one;
- a day alone (`20日`) takes the month (and year) last named before it in the text,
  else the reference month.

>>> import datetime as dt
>>> from extract.context import DocContext
>>> t = "3月5日下午,2024年1月31日以来,去年底完成“十四五”目标。"
>>> ctx = DocContext("d", t, 0, len(t), published=dt.date(2025, 3, 6))
>>> ctx = ctx.with_reference(reference_date(ctx))
>>> [(r.surface, str(r.start_date), str(r.end_date), r.granularity, r.relative)
...  for r in DATES.extract(ctx)]  # doctest: +NORMALIZE_WHITESPACE
[('3月5日下午', '2025-03-05', '2025-03-05', 'day', True),
 ('2024年1月31日', '2024-01-31', '2024-01-31', 'day', False),
 ('去年底', '2024-10-01', '2024-12-31', 'period', True),
 ('十四五', '2021-01-01', '2025-12-31', 'period', False)]
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from functools import lru_cache
from typing import Any

from extract import rulebook
from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, get, register
from extract.numerals import parse_number
from extract.scanning import anchor_windows
from extract.spans import Span, resolve_overlaps

TABLE = "dates"
YEAR_MIN, YEAR_MAX = 1600, 2199


@lru_cache(maxsize=None)
def _book():
    return rulebook.load(TABLE)


@lru_cache(maxsize=None)
def _tables() -> dict[str, Any]:
    data = _book().data
    words = data["words"]
    return {
        "fyp": {k: (int(v[0]), int(v[1])) for k, v in words["dates_fyp"].items()},
        "rel_years": dict(data["rel_years"]),
        "rel_months": dict(data["rel_months"]),
        "year_parts": {k: tuple(v) for k, v in data["year_parts"].items()},
        "half_years": {k: tuple(v) for k, v in data["half_years"].items()},
        "ten_days": {k: tuple(v) for k, v in data["ten_days"].items()},
    }


# ---------------------------------------------------------------------------- find
@lru_cache(maxsize=None)
def _anchor():
    data = _book().data
    return re.compile(data["anchor"]), int(data["anchor_margin"])


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Disjoint ranges of the body around anchor characters, where dates can be."""
    rx, margin = _anchor()
    return anchor_windows(text, start, end, rx, margin, margin)


def _find(ctx: DocContext, windowed: bool = True) -> list[Span]:
    """Non-overlapping date spans in the body (longest wins, then leftmost).

    windowed=False scans the whole body with every rule (same result, slower; a test
    checks they agree)."""
    ranges = _windows(ctx.text, ctx.body_start, ctx.body_end) if windowed \
        else [(ctx.body_start, ctx.body_end)]
    spans = []
    for rule in _book().rules:
        finditer = rule.regex.finditer
        for a, b in ranges:
            for m in finditer(ctx.text, a, b):
                if m.end() <= m.start():
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                spans.append(Span(rule.id, m.start(), m.end(), groups))
    return resolve_overlaps(spans)


# --------------------------------------------------------------------- value helpers
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def _int(s: str | None) -> int | None:
    """'１２' → 12, '十二' → 12, '二〇二四' → 2024, '首' → 1, '两' → 2."""
    if s is None:
        return None
    s = s.translate(_FULLWIDTH).strip()
    if s == "首":
        return 1
    if s.isdigit():
        return int(s)
    n = parse_number(s)
    if n is None or n != int(n):
        return None
    return int(n)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _valid_year(y: int | None) -> bool:
    return y is not None and YEAR_MIN <= y <= YEAR_MAX


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


# --------------------------------------------------------------- document anchors
class _Anchors:
    """What a span without a year (or a day without a month) leans on, per document."""

    def __init__(self, ctx: DocContext, spans: list[Span]):
        self.ctx = ctx
        # explicit single years (2024年, 2024年3月 …), by start offset
        self.years: list[tuple[int, int]] = []
        for s in spans:
            y = _explicit_single_year(s)
            if y is not None:
                self.years.append((s.start, y))
        self._year_starts = [p for p, _ in self.years]
        # spans that name a month, by start offset (their value is computed lazily)
        self.month_spans = [s for s in spans if _names_month(s)]
        self._month_starts = [s.start for s in self.month_spans]

    def sentence_year(self, offset: int) -> int | None:
        """The nearest explicit year named before `offset` in the same sentence."""
        i = bisect.bisect_left(self._year_starts, offset) - 1
        if i < 0:
            return None
        sent_start, _ = self.ctx.sentence_span(offset)
        pos, year = self.years[i]
        return year if pos >= sent_start else None

    def last_month(self, offset: int) -> Span | None:
        i = bisect.bisect_left(self._month_starts, offset) - 1
        return self.month_spans[i] if i >= 0 else None


def _explicit_single_year(span: Span) -> int | None:
    g = span.groups
    if "y1" not in g or "y2" in g:
        return None
    y = _int(g["y1"])
    return y if _valid_year(y) else None


def _names_month(span: Span) -> bool:
    g = span.groups
    return "m1" in g or "m2" in g


def _anchors(ctx: DocContext) -> _Anchors:
    return DATES.cache.get(ctx, "anchors", lambda: _Anchors(ctx, DATES.find(ctx)))


# ------------------------------------------------------------------------- resolve
def _resolve(span: Span, ctx: DocContext):
    """The candidate of one span: start_date, end_date, granularity, relative (+ offsets)."""
    value = _value(span, ctx, depth=0)
    if value is None:
        return None
    start_date, end_date, granularity, relative = value
    if start_date is None and not relative:
        return None
    return DATES.candidate(start=span.start, end=span.end, surface=ctx.text[span.start:span.end],
                           rule=span.rule, start_date=start_date, end_date=end_date,
                           granularity=granularity, relative=relative)


def _value(span: Span, ctx: DocContext, depth: int):
    """(start_date | None, end_date | None, granularity, relative) or None to drop."""
    t = _tables()
    g = span.groups
    ref = ctx.reference_date

    # Five-year plans: fixed periods.
    if "fyp" in g:
        y1, y2 = t["fyp"][g["fyp"]]
        return dt.date(y1, 1, 1), dt.date(y2, 12, 31), "period", False

    # Month words (本月, 上月): the reference month, shifted.
    if "relm" in g:
        if ref is None:
            return None, None, "month", True
        y, m = _shift_month(ref.year, ref.month, int(t["rel_months"][g["relm"]]))
        if not _valid_year(y):
            return None
        return dt.date(y, m, 1), _month_end(y, m), "month", True

    # Decades: 20世纪90年代; 上世纪 is the century before the reference date's.
    if "dec" in g:
        decade = _int(g["dec"])
        if "cent" in g:
            century, relative = _int(g["cent"]), False
        elif ref is not None:
            century, relative = (ref.year - 1) // 100, True  # 2024 is in the 21st: 上世纪 = 20th
        else:
            return None, None, "period", True
        first = (century - 1) * 100 + decade
        if decade % 10 or not 10 <= decade <= 90 or not _valid_year(first):
            return None
        return dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "period", relative

    if "m1cn" in g:  # 三月中旬: a Chinese-numeral month only comes with its ten days
        g = {**g, "m1": g["m1cn"], "dek": g["dekcn"]}
        span = Span(span.rule, span.start, span.end, g)

    # Day alone (5日, 5日至7日): the month last named before it, else the reference month.
    if "m1" not in g and "d1" in g and "y1" not in g and "rel" not in g:
        return _day_alone(span, ctx, depth)

    # The year: written, a year word, or taken from the sentence / the reference date.
    year, relative = _year_of(span, ctx)
    if year is None and relative is None:
        return None  # an impossible written year

    return _build(g, year, relative, t)


def _year_of(span: Span, ctx: DocContext) -> tuple[int | None, bool | None]:
    """(year, relative); (None, True) when it rests on a missing reference date;
    (None, None) when the written year is impossible."""
    t = _tables()
    g = span.groups
    ref = ctx.reference_date
    if "y1" in g:
        y = _int(g["y1"])
        return (y, False) if _valid_year(y) else (None, None)
    if "rel" in g:
        spec = t["rel_years"][g["rel"]]
        if spec.get("anchorable"):
            anchor = _anchors(ctx).sentence_year(span.start)
            if anchor is not None:
                return anchor + int(spec["offset"]), False
            if spec.get("anchor_only"):
                return None, None  # 次年 with no year before it: nothing to count from
        if ref is None:
            return None, True
        return ref.year + int(spec["offset"]), True
    # No year written (3月5日, 一季度, 年底, 1至8月): the sentence's year, else the reference.
    # 全年 is deictic like 今年: always the reference year.
    if "whole" not in g:
        anchor = _anchors(ctx).sentence_year(span.start)
        if anchor is not None:
            return anchor, False
    if ref is None:
        return None, True
    return ref.year, True


def _build(g: dict, year: int | None, relative: bool, t: dict):
    """Dates from the groups once the year is known (year None → null dates)."""

    def out(make, granularity):
        if year is None:
            return None, None, granularity, True
        try:
            start, end = make(year)
        except (ValueError, TypeError):
            return None  # an impossible calendar value: month 13, 2月30日 …
        if end < start or not (_valid_year(start.year) and _valid_year(end.year)):
            return None
        return start, end, granularity, relative

    if "y2" in g and "m1" not in g:  # 2023—2027年
        y2 = _int(g["y2"])
        if not _valid_year(y2) or year is None or y2 <= year:
            return None
        return out(lambda y: (dt.date(y, 1, 1), dt.date(y2, 12, 31)), "period")
    if "part" in g:
        a, b = t["year_parts"][g["part"]]
        return out(lambda y: (dt.date(y, a, 1), _month_end(y, b)), "period")
    if "half" in g:
        a, b = t["half_years"][g["half"]]
        return out(lambda y: (dt.date(y, a, 1), _month_end(y, b)), "period")
    if "q" in g or "q2" in g:
        q = _int(g.get("q") or g.get("q2"))
        if q is None or not 1 <= q <= 4:
            return None
        return out(lambda y: (dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)), "quarter")
    if "qpre" in g:
        n = _int(g["qpre"])
        if n is None or not 1 <= n <= 3:
            return None
        return out(lambda y: (dt.date(y, 1, 1), _month_end(y, 3 * n)), "period")
    if "mpre" in g:
        n = _int(g["mpre"])
        if n is None or not 1 <= n <= 11:
            return None
        return out(lambda y: (dt.date(y, 1, 1), _month_end(y, n)), "period")
    if "m1" in g:
        m1, d1 = _int(g["m1"]), _int(g.get("d1"))
        y2 = _int(g.get("y2"))
        m2, d2 = _int(g.get("m2")), _int(g.get("d2"))
        if y2 is not None and not _valid_year(y2):
            return None
        if "d2" in g:  # 3月5日至7日, 2023年12月30日至2024年1月2日
            return out(lambda y: (dt.date(y, m1, d1), dt.date(y2 or y, m2 or m1, d2)), "period")
        if "m2" in g:  # 1至8月, 2024年11月至2025年3月
            return out(lambda y: (dt.date(y, m1, 1), _month_end(y2 or y, m2)), "period")
        if d1 is not None:
            return out(lambda y: (dt.date(y, m1, d1),) * 2, "day")
        if "dek" in g:  # 上旬 / 中旬 / 下旬: days 1–10, 11–20, 21–end
            a, b = t["ten_days"][g["dek"]]
            return out(lambda y: (dt.date(y, m1, a), min(dt.date(y, m1, min(b, 28)), _month_end(y, m1))
                                  if b <= 28 else _month_end(y, m1)), "period")
        return out(lambda y: (dt.date(y, m1, 1), _month_end(y, m1)), "month")
    # A year alone: 2024年, 到2030年, 今年, 全年.
    return out(lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)), "year")


def _day_alone(span: Span, ctx: DocContext, depth: int):
    g = span.groups
    d1, d2 = _int(g["d1"]), _int(g.get("d2"))
    granularity = "period" if d2 is not None else "day"
    anchor = _anchors(ctx).last_month(span.start) if depth < 3 else None
    if anchor is not None:
        value = _value(anchor, ctx, depth + 1)
        if value is None:
            anchor = None
    if anchor is not None:
        start, end, _, relative = value
        if start is None:
            return None, None, granularity, True
        # The month named last: the end month of a range (1至8月 … 5日 → August).
        y, m = end.year, end.month
    else:
        ref = ctx.reference_date
        if ref is None:
            return None, None, granularity, True
        y, m, relative = ref.year, ref.month, True
    try:
        first, last = dt.date(y, m, d1), dt.date(y, m, d2 if d2 is not None else d1)
    except ValueError:
        return None
    if last < first:
        return None
    return first, last, granularity, relative


# ------------------------------------------------------------- reference date
def latest_precise_date(ctx: DocContext) -> dt.date | None:
    """The latest written date of day or month precision in the body (2024年1月31日,
    2024年12月: year-only dates and ranges do not count), else None."""
    best = None
    for s in DATES.find(ctx):
        g = s.groups
        if "y1" not in g or "m1" not in g or "m2" in g or "d2" in g or "y2" in g:
            continue
        y, m, d = _int(g["y1"]), _int(g["m1"]), _int(g.get("d1"))
        if not _valid_year(y):
            continue
        try:
            day = dt.date(y, m, d if d is not None else 1)
        except (ValueError, TypeError):
            continue
        if best is None or day > best:
            best = day
    return best


def reference_date(ctx: DocContext) -> dt.date | None:
    """ctx.published; else the latest day- or month-precise date of the body; else None."""
    return ctx.published if ctx.published is not None else latest_precise_date(ctx)


# ------------------------------------------------------------------------- extractor
@register
class Dates(Extractor):
    """Calendar points and periods (GUIDELINES §3)."""

    table = TABLE

    def find(self, ctx: DocContext) -> list[Span]:
        """Non-overlapping date spans in the body (longest wins, then leftmost)."""
        return self.cache.get(ctx, "spans", lambda: _find(ctx))

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        return _resolve(span, ctx)

    def select(self, resolved, ctx: DocContext, deps: Deps) -> list:
        # find's spans do not overlap: keep those in the body, in text order
        out = [c for _, c in resolved if ctx.in_body(c.start, c.end)]
        return sorted(out, key=lambda c: (c.start, c.end))


DATES = get(TABLE)
