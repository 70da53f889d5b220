"""Money (GUIDELINES §2, dev DECISIONS §4): amounts of money, normalised exactly.

find(ctx)           candidate spans from extract/rules/money.yaml over the body (they may
                    overlap: a range and the amount inside it are both candidates);
resolve(span, ctx)  the record fields of one span, or the veto that refuses it (money.yaml
                    `vetoes`: a class label, a grade, a phone number …; resolve.py), or None
                    when it holds no number;
select              drops every candidate overlapping a hiding veto (a class label:
                    营收100万—500万元的小微企业 hides its two amounts too), then keeps
                    non-overlapping records (longest wins, then leftmost).

find runs the rules only in windows around anchor characters (a currency, a scale,
级, a symbol), widened so they never start inside a figure; a test checks that the
windows find exactly what a pass over the whole body finds.

Qualifier words sit outside the surface (`超20亿元` → surface `20亿元`, over). They are
read from a shadow of the text around the span (context.py), so `qualifier_text` is the
word as written and every offset stays true. Word lists, patterns and vetoes are data in
money.yaml; the qualifier words are common.yaml's comparison words.

>>> from extract.context import DocContext
>>> t = "累计投入2000亿元,营收超 20亿元,总投资额达130余亿元,拿下千万级批量订单。"
>>> ctx = DocContext("d", t, 0, len(t))
>>> [(r.surface, str(r.value), r.currency, r.qualifier, r.qualifier_text)
...  for r in MONEY.extract(ctx)]  # doctest: +NORMALIZE_WHITESPACE
[('2000亿元', '200000000000', 'CNY', 'exact', None),
 ('20亿元', '2000000000', 'CNY', 'over', '超'),
 ('130余亿元', '13000000000', 'CNY', 'more_than', '余'),
 ('千万级', '10000000', 'CNY', 'magnitude', '级')]
>>> t = "其中10亿元以上项目79个。"
>>> [MONEY.resolve(s, DocContext("d", t, 0, len(t))).rule for s in MONEY.find(DocContext("d", t, 0, len(t)))]
['money.veto.class_label']
"""
from __future__ import annotations

from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, get, register
from extract.extractors.money.tables import TABLE, book, data
from extract.extractors.money.resolve import resolve
from extract.scanning import anchor_windows
from extract.spans import Span

_book = book  # the rule file (tests read its rules)


def _windows(ctx: DocContext) -> list[tuple[int, int]]:
    """Merged [start, end) windows around anchors, inside the body. A window never
    starts inside a figure (it is widened left past figure characters)."""
    d = data()
    return anchor_windows(ctx.text, ctx.body_start, ctx.body_end, d.anchor, d.before, d.after, d.figure_chars)


def _find(ctx: DocContext) -> list[Span]:
    """Every candidate span of every rule in the body (overlaps settled in select)."""
    spans = []
    windows = _windows(ctx)
    for rule in book().rules:
        for m in (m for a, b in windows for m in rule.regex.finditer(ctx.text, a, b)):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if "lo" in groups:
                start = m.start("lo")
            elif "sym" in groups:
                start = m.start("sym")
            elif "vague" in groups:
                start = m.start("vague")
            else:
                start = m.start("num")
            end = m.end()
            if end > start:
                spans.append(Span(rule.id, start, end, groups))
    return sorted(spans, key=lambda s: (s.start, s.end, s.rule))


@register
class Money(Extractor):
    """Amounts of money (GUIDELINES §2)."""

    table = TABLE

    def find(self, ctx: DocContext) -> list[Span]:
        """Every candidate span of every rule in the body (they may overlap: a range and
        the amount inside it are both candidates; select settles it)."""
        return _find(ctx)

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        return resolve(span, ctx)


MONEY = get(TABLE)
