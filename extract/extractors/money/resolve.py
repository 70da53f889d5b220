"""resolve for money: the record fields of one found span, or the veto that refuses it
(money.yaml `vetoes`), or None when the span holds no number."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from extract.context import DocContext
from extract.extractors import Veto
from extract.extractors.money.context import (Word, clause_left, followed_by_grade_mark, left_text, prefix,
                                              right_text, suffix, verb_before)
from extract.extractors.money.tables import MoneyData, data, veto
from extract.numerals import parse_magnitude, parse_number
from extract.spans import Span
from schema.candidates import CANDIDATES

_SPACE = " \t\u00a0\u3000"
_CENT = Decimal("0.01")
_EXACT = Word("exact", None)
MoneyCandidate = CANDIDATES["money"]


class Fields(NamedTuple):
    """The value fields of a money candidate."""

    value: Decimal
    currency: str
    qualifier: str
    qualifier_text: str | None
    value_max: Decimal | None = None


class _Bounds(NamedTuple):
    lo: Decimal
    hi: Decimal


def resolve(span: Span, ctx: DocContext):
    """The candidate of one span, its veto, or None."""
    fields = _BY_KIND[data().kinds[span.rule]](span, ctx)
    if fields is None or isinstance(fields, Veto):
        return fields
    return MoneyCandidate(start=span.start, end=span.end, surface=ctx.text[span.start:span.end], rule=span.rule,
                          value=_money_value(fields.value), currency=fields.currency,
                          qualifier=fields.qualifier, qualifier_text=fields.qualifier_text,
                          value_max=None if fields.value_max is None else _money_value(fields.value_max))


# ------------------------------------------------------------------------- values
def _money_value(v: Decimal) -> Decimal:
    """Currency units, at most 2 decimal places, integral values without a fraction."""
    if v == v.to_integral_value():
        return Decimal(int(v))
    return v.quantize(_CENT, rounding=ROUND_HALF_UP)


def _is_bare_scale(s: str, d: MoneyData) -> bool:
    """百亿, 千万, 万亿: an order of magnitude with no digit (十万 is a plain number)."""
    return s[:1] not in d.ten_chars and parse_magnitude(s) is not None


def _number(num: str) -> Decimal | None:
    value = parse_number(num)
    return parse_magnitude(num) if value is None else value


def _figure(num: str, infix: str | None, iscale: str | None) -> Decimal | None:
    """The value of a figure with an optional 余/多/几 and scale after it."""
    value = _number(num)
    if value is None:
        return None
    if infix and iscale:
        mult = parse_magnitude(iscale)
        if mult is None:
            return None
        value *= mult
    return value


def _currency(groups: dict, d: MoneyData) -> str:
    if "sym" in groups:
        return d.symbol[groups["sym"]]
    if "cur" in groups:
        return d.currency[groups["cur"]]
    return "CNY"  # bare amounts and magnitudes: the currency is implied (DECISIONS 003)


def _is_class_label(ctx: DocContext, end: int, qualifier: str | None, d: MoneyData) -> bool:
    """A threshold amount modifying a class noun: 10亿元以上项目, 超2000亿元的3个大区."""
    if qualifier not in d.threshold:
        return False
    sh = right_text(ctx, end)
    suf = d.suffix_rx.match(sh)
    rest = sh[suf.end():] if suf else sh
    return bool(d.class_rx.match(rest))


def _qualify(ctx: DocContext, span: Span, bare: bool) -> Word:
    """Qualifier of a single amount: infix/vague 余多几数 > suffix word (左右, 以上,
    以内 …) > prefix word (超, 约, 不超过 …) > exact. A word after the figure binds
    closer than a verb before it (控制在500万元以内 → 以内, 达到100亿元左右 → 左右)."""
    g = span.groups
    if g.get("infix"):
        return Word("more_than", g["infix"])
    if g.get("vague"):
        return Word("more_than", g["vague"])
    return suffix(ctx, span.end) or prefix(ctx, span.start, bare) or _EXACT


def _adjacent_range(num: str, d: MoneyData) -> _Bounds | None:
    """三五万元, 一两千元, 七八十亿元: two adjacent digits before a scale, a colloquial range."""
    m = d.adjacent_rx.match(num)
    if not m:
        return None
    digits = d.digits
    a, b = digits[m.group(1)], digits[m.group(2)]
    if not (b == a + 1 or (a, b) in d.adjacent_pairs):
        return None  # 二二, 五三: not a pair of neighbours
    mult = parse_magnitude(m.group(3))
    return _Bounds(a * mult, b * mult) if mult is not None else None


def _split_scale(s: str, rx) -> tuple[Decimal | None, Decimal]:
    """With rx the head and scale of a figure: `3万` → (3, 10000); `三千万` → (3, 10^7);
    `8500` → (8500, 1). (For the big scale alone: `二十万` → (20, 10000).)"""
    m = rx.match(s.strip(_SPACE))
    head, scale = m.group(1), m.group(2)
    mult = parse_magnitude(scale) if scale else Decimal(1)
    return parse_number(head), mult if mult is not None else Decimal(1)


# ------------------------------------------------------------------ by rule kind
def _amount(span: Span, ctx: DocContext) -> Fields | Veto | None:
    """money.amount and money.symbol: a figure with a currency."""
    d = data()
    g = span.groups
    if d.bare_digits_rx.match(g["num"]):
        return veto("bare_digits", span)  # 一元化, 三元里
    value = _figure(g["num"], g.get("infix"), g.get("iscale"))
    if value is None:
        pair = None if g.get("infix") or g.get("vague") else _adjacent_range(g["num"], d)
        if pair is None:
            return None
        if followed_by_grade_mark(ctx, span.end):
            return veto("magnitude_mark", span)
        if _is_class_label(ctx, span.end, "range", d):
            return veto("class_label", span)
        return Fields(pair.lo, _currency(g, d), "range", None, pair.hi)
    if followed_by_grade_mark(ctx, span.end):
        return veto("magnitude_mark", span)  # 5000亿元级产业: the magnitude rule decides
    bare = _is_bare_scale(g["num"], d) and not g.get("infix")
    if bare and not g.get("vague"):
        # 亿元及以上项目, 万元GDP: a bare scale is an amount only as the object of a
        # verb (突破万亿元, 获得千万元…) or before a money noun (千万元融资)
        after = right_text(ctx, span.end)
        if d.class_rx.match(after):
            return veto("class_label", span)  # 亿元项目, 百亿元企业
        if not (verb_before(ctx, span.start, d.bare_verb_rx) or d.money_noun_rx.match(after)):
            return veto("bare_scale", span)
    word = _qualify(ctx, span, bare)
    if _is_class_label(ctx, span.end, word.qualifier, d):
        return veto("class_label", span)
    return Fields(value, _currency(g, d), word.qualifier, word.raw)


def _bare(span: Span, ctx: DocContext) -> Fields | Veto | None:
    """money.bare: a 万/亿 figure with no currency, money only in a money context (营收突破10万亿)."""
    d = data()
    g = span.groups
    if d.bare_digits_rx.match(g["num"]):
        return veto("bare_digits", span)
    value = _figure(g["num"], g.get("infix"), g.get("iscale"))
    if value is None:
        return None
    bare = _is_bare_scale(g["num"], d) and not g.get("infix")
    if bare and not g.get("vague") and not verb_before(ctx, span.start, d.bare_verb_rx):
        return veto("bare_scale", span)
    clause = d.context_veto_rx.sub("", clause_left(ctx, span.start))
    if not d.context_rx.search(clause):
        return veto("no_money_context", span)  # 品牌曝光超过20亿: a count, not money
    word = _qualify(ctx, span, bare)
    if _is_class_label(ctx, span.end, word.qualifier, d):
        return veto("class_label", span)
    return Fields(value, "CNY", word.qualifier, word.raw)


def _magnitude(span: Span, ctx: DocContext) -> Fields | Veto | None:
    """money.magnitude: 千万级批量订单, 规模达到萬億級: money; 4个万亿级主导产业: a class label."""
    d = data()
    g = span.groups
    num = g["num"]
    if d.bare_digits_rx.match(num):
        return veto("grade", span)  # 二级
    value = _number(num)
    if value is None:
        return None
    if not any(c in d.scale_chars for c in num):
        return veto("grade", span)  # 3级
    after = right_text(ctx, span.end)
    predicate = verb_before(ctx, span.start, d.mag_verb_rx) and d.mag_follow_rx.match(after)
    if not predicate and not d.money_noun_rx.match(after):
        return veto("magnitude_label", span)
    return Fields(value, _currency(g, d), "magnitude", ctx.text[span.end - 1])


def _range(span: Span, ctx: DocContext) -> Fields | Veto | None:
    """money.range: 1万-5万元, 两到三万元 (the lower bound takes the upper's scale), 8500到3万港元."""
    d = data()
    g = span.groups
    if g.get("infix"):
        return veto("vague_bound", span)
    lo_s, hi_s = g["lo"], g["num"]
    if d.phone_rx.match(lo_s):
        return veto("phone_number", span)  # 0731-…
    if d.bare_digits_rx.match(hi_s):
        return veto("bare_digits", span)
    hi, lo = _figure(hi_s, None, None), parse_number(lo_s)
    if hi is None or lo is None:
        return None
    if g.get("lo_cur"):
        if d.currency[g["lo_cur"]] != d.currency[g["cur"]]:
            return veto("currency_mismatch", span)
        if d.progression_rx.search(left_text(ctx, span.start, 4)):
            return veto("progression", span)  # 从5000亿元到1万亿元: two amounts
    elif not any(c in d.big_scale_chars for c in lo_s):
        # The lower bound takes the upper bound's scale where it is smaller than the
        # upper bound's head: a digit takes the whole scale (两到三千万元: 2千万), a
        # larger figure only the 万/亿 part (十到二十万元: 10万, 两千到三千万元: 2千万).
        # 8500到3万港元 keeps 8500 (it is no smaller than 3).
        single = lo < 10 and not any(c in d.scale_chars for c in lo_s)
        head, mult = _split_scale(hi_s, d.head_scale_rx if single else d.head_big_scale_rx)
        if head is not None and lo < head:
            lo *= mult
    if not lo < hi:
        return veto("reversed_range", span)
    if followed_by_grade_mark(ctx, span.end):
        return veto("magnitude_mark", span)
    if _is_class_label(ctx, span.end, "range", d):
        return veto("class_label", span)  # 100万—500万元的小微企业: a size bracket of a class
    return Fields(lo, _currency(g, d), "range", g["sep"], hi)


# How each kind of rule (money.yaml rules' `value`) is read.
_BY_KIND = {"amount": _amount, "range": _range, "magnitude": _magnitude, "bare": _bare}
