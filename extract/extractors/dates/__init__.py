"""Dates (GUIDELINES §3): calendar points and periods, resolved to ISO ranges.

find(ctx)           non-overlapping spans from the rules in extract/rules/dates.yaml, over
                    the body only (longest wins, then leftmost);
resolve(span, ctx)  the candidate of one span, or the veto that refuses it (dates.yaml
                    `vetoes`: an impossible calendar value such as month 13 or day 32, a
                    year outside the plausible range, a reversed range …), see values.py;
extract(ctx)        the document's records, resolved against ctx.reference_date (set by the
                    pipeline through reference_date below before any extractor).

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
>>> DATES.resolve(DATES.find(DocContext("d", "2024年13月", 0, 8))[0], ctx).rule
'dates.veto.impossible_calendar'
"""
from __future__ import annotations

import datetime as dt

from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, Veto, get, register
from extract.extractors.dates.tables import TABLE, book, data
from extract.extractors.dates.values import DateValue, number, valid_year, value
from extract.scanning import anchor_windows
from extract.spans import Span, resolve_overlaps


# ---------------------------------------------------------------------------- find
def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Disjoint ranges of the body around anchor characters, where dates can be."""
    d = data()
    return anchor_windows(text, start, end, d.anchor, d.margin, d.margin)


def _find(ctx: DocContext, windowed: bool = True) -> list[Span]:
    """Non-overlapping date spans in the body (longest wins, then leftmost).

    windowed=False scans the whole body with every rule (same result, slower; a test
    checks they agree)."""
    ranges = _windows(ctx.text, ctx.body_start, ctx.body_end) if windowed \
        else [(ctx.body_start, ctx.body_end)]
    spans = []
    for rule in book().rules:
        finditer = rule.regex.finditer
        for a, b in ranges:
            for m in finditer(ctx.text, a, b):
                if m.end() <= m.start():
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                spans.append(Span(rule.id, m.start(), m.end(), groups))
    return resolve_overlaps(spans)


# ------------------------------------------------------------------------- resolve
def _resolve(span: Span, ctx: DocContext):
    """The candidate of one span (start_date, end_date, granularity, relative), its veto, or None."""
    v = value(span, ctx)
    if not isinstance(v, DateValue):
        return v
    if v.start is None and not v.relative:
        return None
    return DATES.candidate(start=span.start, end=span.end, surface=ctx.text[span.start:span.end],
                           rule=span.rule, start_date=v.start, end_date=v.end,
                           granularity=v.granularity, relative=v.relative)


# ------------------------------------------------------------- reference date
def latest_precise_date(ctx: DocContext) -> dt.date | None:
    """The latest written date of day or month precision in the body (2024年1月31日,
    2024年12月: year-only dates and ranges do not count), else None."""
    d = data()
    best = None
    for s in DATES.find(ctx):
        g = s.groups
        if "y1" not in g or "m1" not in g or "m2" in g or "d2" in g or "y2" in g:
            continue
        y, m, day_of = number(g["y1"], d), number(g["m1"], d), number(g.get("d1"), d)
        if not valid_year(y, d):
            continue
        try:
            day = dt.date(y, m, day_of if day_of is not None else 1)
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
        # find's spans do not overlap: keep the candidates in the body, in text order
        out = [c for _, c in resolved if not isinstance(c, Veto) and ctx.in_body(c.start, c.end)]
        return sorted(out, key=lambda c: (c.start, c.end))


DATES = get(TABLE)
