"""The value of one date span: ISO start and end dates, granularity, relative — or the
veto that refuses it (extract/rules/dates.yaml `vetoes`).

How a date without a written year gets one (GUIDELINES §3, dev DECISIONS §5):
- an explicit single year named earlier in the same sentence fixes it
  (`2024年株洲市一季度` → 2024 Q1, relative=false; `2023年…比上年` → 2022);
  not for 全年, which like 今年 always means the reference year;
- otherwise the reference date's year (relative=true), or null dates without one;
- a day alone (`20日`) takes the month (and year) last named before it in the text,
  else the reference month.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
from typing import NamedTuple

from extract.context import DocContext
from extract.extractors import Veto, get
from extract.extractors.dates.tables import TABLE, DatesData, data, veto
from extract.numerals import parse_number
from extract.spans import Span


class DateValue(NamedTuple):
    """What a span resolves to; the dates are None when they rest on a missing reference date."""

    start: dt.date | None
    end: dt.date | None
    granularity: str
    relative: bool


class _Year(NamedTuple):
    year: int | None  # None: it rests on a missing reference date
    relative: bool


def number(s: str | None, d: DatesData) -> int | None:
    """'１２' → 12, '十二' → 12, '二〇二四' → 2024, '首' → 1, '两' → 2."""
    if s is None:
        return None
    s = s.translate(d.fullwidth).strip()
    word = d.number_words.get(s)
    if word is not None:
        return word
    if s.isdigit():
        return int(s)
    n = parse_number(s)
    if n is None or n != int(n):
        return None
    return int(n)


def month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def valid_year(y: int | None, d: DatesData) -> bool:
    return y is not None and d.year_min <= y <= d.year_max


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


# --------------------------------------------------------------- document anchors
class Anchors:
    """What a span without a year (or a day without a month) leans on, per document."""

    def __init__(self, ctx: DocContext, spans: list[Span]):
        self.ctx = ctx
        d = data()
        # explicit single years (2024年, 2024年3月 …), by start offset
        self.years: list[tuple[int, int]] = []
        for s in spans:
            y = _explicit_single_year(s, d)
            if y is not None:
                self.years.append((s.start, y))
        self._year_starts = [p for p, _ in self.years]
        # spans that name a month, by start offset (their value is computed lazily)
        self.month_spans = [s for s in spans if "m1" in s.groups or "m2" in s.groups]
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


def _explicit_single_year(span: Span, d: DatesData) -> int | None:
    g = span.groups
    if "y1" not in g or "y2" in g:
        return None
    y = number(g["y1"], d)
    return y if valid_year(y, d) else None


def _anchors(ctx: DocContext) -> Anchors:
    ex = get(TABLE)
    return ex.cache.get(ctx, "anchors", lambda: Anchors(ctx, ex.find(ctx)))


# ------------------------------------------------------------------------- values
def value(span: Span, ctx: DocContext, depth: int = 0) -> DateValue | Veto | None:
    """The value of a span, the veto that refuses it, or None (no date)."""
    d = data()
    g = span.groups
    ref = ctx.reference_date
    if "fyp" in g:  # five-year plans: fixed periods
        y1, y2 = d.fyp[g["fyp"]]
        return DateValue(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "period", False)
    if "relm" in g:  # month words (本月, 上月): the reference month, shifted
        if ref is None:
            return DateValue(None, None, "month", True)
        y, m = _shift_month(ref.year, ref.month, d.rel_months[g["relm"]])
        if not valid_year(y, d):
            return veto("implausible_year", span)
        return DateValue(dt.date(y, m, 1), month_end(y, m), "month", True)
    if "dec" in g:
        return _decade(span, ref, d)
    if "m1cn" in g:  # 三月中旬: a Chinese-numeral month only comes with its ten days
        g = {**g, "m1": g["m1cn"], "dek": g["dekcn"]}
        span = Span(span.rule, span.start, span.end, g)
    # Day alone (5日, 5日至7日): the month last named before it, else the reference month.
    if "m1" not in g and "d1" in g and "y1" not in g and "rel" not in g:
        return _day_alone(span, ctx, depth, d)
    # The year: written, a year word, or taken from the sentence / the reference date.
    year = _year_of(span, ctx, d)
    if isinstance(year, Veto):
        return year
    return _build(span, year, d)


def _decade(span: Span, ref: dt.date | None, d: DatesData) -> DateValue | Veto:
    """20世纪90年代; 上世纪 is the century before the reference date's."""
    g = span.groups
    decade = number(g["dec"], d)
    if "cent" in g:
        century, relative = number(g["cent"], d), False
    elif ref is not None:
        century, relative = (ref.year - 1) // 100, True  # 2024 is in the 21st: 上世纪 = 20th
    else:
        return DateValue(None, None, "period", True)
    first = (century - 1) * 100 + decade
    if decade % 10 or not 10 <= decade <= 90:
        return veto("impossible_calendar", span)
    if not valid_year(first, d):
        return veto("implausible_year", span)
    return DateValue(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "period", relative)


def _year_of(span: Span, ctx: DocContext, d: DatesData) -> _Year | Veto:
    """The span's year and whether it is relative; year None when it rests on a missing
    reference date."""
    g = span.groups
    ref = ctx.reference_date
    if "y1" in g:
        y = number(g["y1"], d)
        return _Year(y, False) if valid_year(y, d) else veto("implausible_year", span)
    if "rel" in g:
        spec = d.rel_years[g["rel"]]
        if spec.anchorable:
            anchor = _anchors(ctx).sentence_year(span.start)
            if anchor is not None:
                return _Year(anchor + spec.offset, False)
            if spec.anchor_only:
                return veto("unanchored_year_word", span)  # 次年 with nothing to count from
        if ref is None:
            return _Year(None, True)
        return _Year(ref.year + spec.offset, True)
    # No year written (3月5日, 一季度, 年底, 1至8月): the sentence's year, else the reference.
    # 全年 is deictic like 今年: always the reference year.
    if "whole" not in g:
        anchor = _anchors(ctx).sentence_year(span.start)
        if anchor is not None:
            return _Year(anchor, False)
    if ref is None:
        return _Year(None, True)
    return _Year(ref.year, True)


def _dated(span: Span, year: _Year, d: DatesData, make, granularity: str) -> DateValue | Veto:
    """make(year) → (start, end), checked against the calendar (year None → null dates)."""
    if year.year is None:
        return DateValue(None, None, granularity, True)
    try:
        start, end = make(year.year)
    except (ValueError, TypeError):
        return veto("impossible_calendar", span)  # month 13, 2月30日 …
    if end < start:
        return veto("reversed_range", span)
    if not (valid_year(start.year, d) and valid_year(end.year, d)):
        return veto("implausible_year", span)
    return DateValue(start, end, granularity, year.relative)


def _build(span: Span, year: _Year, d: DatesData) -> DateValue | Veto | None:
    """The dates of a span once its year is known."""
    g = span.groups
    if "y2" in g and "m1" not in g:  # 2023—2027年
        y2 = number(g["y2"], d)
        if not valid_year(y2, d):
            return veto("implausible_year", span)
        if year.year is None:
            return None  # cannot happen: a range of years always writes its first year
        if y2 <= year.year:
            return veto("reversed_range", span)
        return _dated(span, year, d, lambda y: (dt.date(y, 1, 1), dt.date(y2, 12, 31)), "period")
    for key, table in (("part", d.year_parts), ("half", d.half_years)):
        if key in g:  # 年底, 上半年
            a, b = table[g[key]]
            return _dated(span, year, d, lambda y: (dt.date(y, a, 1), month_end(y, b)), "period")
    if "q" in g or "q2" in g:
        q = number(g.get("q") or g.get("q2"), d)
        if q is None or not 1 <= q <= 4:
            return veto("impossible_calendar", span)
        return _dated(span, year, d, lambda y: (dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)), "quarter")
    for key, most, months in (("qpre", 3, 3), ("mpre", 11, 1)):
        if key in g:  # 前三季度, 前9月
            n = number(g[key], d)
            if n is None or not 1 <= n <= most:
                return veto("impossible_calendar", span)
            return _dated(span, year, d, lambda y: (dt.date(y, 1, 1), month_end(y, months * n)), "period")
    if "m1" in g:
        return _months(span, year, d)
    # A year alone: 2024年, 到2030年, 今年, 全年.
    return _dated(span, year, d, lambda y: (dt.date(y, 1, 1), dt.date(y, 12, 31)), "year")


def _months(span: Span, year: _Year, d: DatesData) -> DateValue | Veto:
    """Spans that name a month: a day, a range of days or months, ten days, a month."""
    g = span.groups
    m1, d1 = number(g["m1"], d), number(g.get("d1"), d)
    y2 = number(g.get("y2"), d)
    m2, d2 = number(g.get("m2"), d), number(g.get("d2"), d)
    if y2 is not None and not valid_year(y2, d):
        return veto("implausible_year", span)
    if "d2" in g:  # 3月5日至7日, 2023年12月30日至2024年1月2日
        return _dated(span, year, d, lambda y: (dt.date(y, m1, d1), dt.date(y2 or y, m2 or m1, d2)), "period")
    if "m2" in g:  # 1至8月, 2024年11月至2025年3月
        return _dated(span, year, d, lambda y: (dt.date(y, m1, 1), month_end(y2 or y, m2)), "period")
    if d1 is not None:
        return _dated(span, year, d, lambda y: (dt.date(y, m1, d1),) * 2, "day")
    if "dek" in g:  # 上旬 / 中旬 / 下旬: days 1–10, 11–20, 21–end
        a, b = d.ten_days[g["dek"]]
        return _dated(span, year, d, lambda y: (dt.date(y, m1, a), min(dt.date(y, m1, min(b, 28)), month_end(y, m1))
                                                if b <= 28 else month_end(y, m1)), "period")
    return _dated(span, year, d, lambda y: (dt.date(y, m1, 1), month_end(y, m1)), "month")


def _day_alone(span: Span, ctx: DocContext, depth: int, d: DatesData) -> DateValue | Veto | None:
    """5日, 5日至7日: in the month last named before it, else in the reference month."""
    g = span.groups
    d1, d2 = number(g["d1"], d), number(g.get("d2"), d)
    granularity = "period" if d2 is not None else "day"
    anchor = _anchors(ctx).last_month(span.start) if depth < 3 else None
    month = value(anchor, ctx, depth + 1) if anchor is not None else None
    if isinstance(month, DateValue):
        if month.start is None:
            return DateValue(None, None, granularity, True)
        # The month named last: the end month of a range (1至8月 … 5日 → August).
        y, m, relative = month.end.year, month.end.month, month.relative
    else:
        ref = ctx.reference_date
        if ref is None:
            return DateValue(None, None, granularity, True)
        y, m, relative = ref.year, ref.month, True
    try:
        first, last = dt.date(y, m, d1), dt.date(y, m, d2 if d2 is not None else d1)
    except ValueError:
        return veto("impossible_calendar", span)
    if last < first:
        return veto("reversed_range", span)
    return DateValue(first, last, granularity, relative)
