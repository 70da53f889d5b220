"""Money (GUIDELINES §2, dev DECISIONS §4): amounts of money, normalised exactly.

find(ctx)           candidate spans from extract/rules/money.yaml over the body (they may
                    overlap: a range and the amount inside it are both candidates);
resolve(span, ctx)  the record fields of one span, or None to drop it (why: see _drop_*);
extract(ctx)        resolves every candidate, drops every candidate overlapping a class
                    label (营收100万—500万元的小微企业 hides its two amounts too), then
                    keeps non-overlapping records (longest wins, then leftmost).

find runs the rules only in windows around anchor characters (a currency, a scale,
级, a symbol), widened so they never start inside a figure; a test checks that the
windows find exactly what a pass over the whole body finds.

Qualifier words sit outside the surface (`超20亿元` → surface `20亿元`, over). They are
read from a *shadow* of the text around the span: pinyin glosses removed
(`突破(tūpò)万亿元`), traditional characters mapped to simplified (`超過`), with a map
back to raw offsets, so `qualifier_text` is the word as written and every offset stays
true. Word lists and vetoes are data in money.yaml.

>>> from extract.context import DocContext
>>> t = "累计投入2000亿元,营收超 20亿元,总投资额达130余亿元,拿下千万级批量订单。"
>>> ctx = DocContext("d", t, 0, len(t))
>>> [(r.surface, str(r.value), r.currency, r.qualifier, r.qualifier_text)
...  for r in MONEY.extract(ctx)]  # doctest: +NORMALIZE_WHITESPACE
[('2000亿元', '200000000000', 'CNY', 'exact', None),
 ('20亿元', '2000000000', 'CNY', 'over', '超'),
 ('130余亿元', '13000000000', 'CNY', 'more_than', '余'),
 ('千万级', '10000000', 'CNY', 'magnitude', '级')]
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from extract import rulebook
from extract.context import DocContext
from extract.extractors import NO_DEPS, Deps, Extractor, Veto, get, register
from extract.scanning import anchor_windows
from extract.numerals import BIG_UNITS, SMALL_UNITS, parse_magnitude, parse_number
from extract.spans import Span, resolve_overlaps

TABLE = "money"
_SPACE = " \t\u00a0\u3000"
# A pinyin gloss glued to a word: 万亿元(wànyìyuán), 營業(yè). ASCII or full-width brackets.
_GLOSS = re.compile(r"[(（][A-Za-z\u00c0-\u024f]+(?:[ '’][A-Za-z\u00c0-\u024f]+)*[)）]")
_SCALE_CHARS = "".join(SMALL_UNITS) + "".join(BIG_UNITS)
_HEAD_SCALE = re.compile(f"^(.+?)([{_SCALE_CHARS}]*)$")
_CN_DIGIT_ONLY = re.compile(r"^[零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]+$")
_CLAUSE_END = "，,。；;！!？?\n"
_CENT = Decimal("0.01")


@lru_cache(maxsize=None)
def _book():
    return rulebook.load(TABLE)


def _alt(words) -> str:
    return rulebook.alternation(words)


@lru_cache(maxsize=None)
def _tables() -> dict[str, Any]:
    d = _book().data
    q = d["qualifiers"]
    t2s_from, t2s_to = d["t2s"]["from"], d["t2s"]["to"]
    if len(t2s_from) != len(t2s_to):
        raise ValueError("money.yaml t2s: 'from' and 'to' differ in length")
    tail = r"(?:了)?[ \u00a0\u3000]*(?:人民币|RMB)?[ \u00a0\u3000]*$"
    boundary = r"[，,。；;、！!？?）)」』”\"…\n]"
    return {
        "currency": dict(d["words"]["money_currency"]),
        "symbol": dict(d["words"]["money_symbol"]),
        "prefix": dict(q["prefix"]),
        "suffix": dict(q["suffix"]),
        "infix": dict(q["infix"]),
        "guards": {k: set(v) for k, v in d["prefix_guards"].items()},
        "bare_only": set(d["prefix_bare_only"]),
        "threshold": set(d["threshold_qualifiers"]),
        "t2s": str.maketrans(t2s_from, t2s_to),
        "prefix_rx": rulebook.compile("(" + _alt(q["prefix"]) + ")" + tail),
        "suffix_rx": rulebook.compile(r"^[ \u00a0\u3000]*(" + _alt(q["suffix"]) + ")"),
        "class_rx": rulebook.compile(
            r"^(?:(?:[0-9一二三四五六七八九十两几数多]+[个家座户批])?" + _alt(d["class_nouns"])
            + r"|的[^，,。；;！!？?\n]{0,10}?" + _alt(d["class_nouns"]) + ")"
            + "(?!" + _alt(d["class_noun_money_heads"]) + ")"),
        "context_rx": rulebook.compile(_alt(d["money_context_nouns"])),
        "progression_rx": rulebook.compile(_alt(d["range_progression_words"]) + r"[ \u00a0\u3000]*$"),
        "context_veto_rx": rulebook.compile(_alt(d.get("money_context_vetoes") or ["规模以上"])),
        "bare_verb_rx": rulebook.compile("(" + _alt(d["bare_scale_verbs"]) + ")" + tail),
        "mag_verb_rx": rulebook.compile("(" + _alt(d["magnitude_verbs"]) + ")" + tail),
        "mag_follow_rx": rulebook.compile(r"^[ \u00a0\u3000]*(?:" + boundary + "|$|"
                                    + _alt(d["magnitude_followers"]) + ")"),
        "mag_noun_rx": rulebook.compile(r"^[^，,。；;！!？?\n]{0,4}?" + _alt(d["magnitude_money_nouns"])),
    }


# ---------------------------------------------------------------------------- find
# The rules run only in windows around the anchor characters of rules/money.yaml (every
# money span holds one), which keeps the pass fast on long texts.
_FIGURE_CHARS = frozenset("0123456789０１２３４５６７８９.．,，  \u00a0\u3000点點" + "".join(BIG_UNITS)
                    + "".join(SMALL_UNITS) + "零〇○一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖余餘多几幾数數")
_BEFORE, _AFTER = 32, 24


@lru_cache(maxsize=1)
def _anchor() -> re.Pattern:
    return re.compile(_book().data["anchor"])


def _windows(ctx: DocContext) -> list[tuple[int, int]]:
    """Merged [start, end) windows around anchors, inside the body. A window never
    starts inside a figure (it is widened left past figure characters)."""
    return anchor_windows(ctx.text, ctx.body_start, ctx.body_end, _anchor(), _BEFORE, _AFTER, _FIGURE_CHARS)


def _find(ctx: DocContext) -> list[Span]:
    """Every candidate span of every rule in the body (overlaps settled in extract)."""
    spans = []
    windows = _windows(ctx)
    for rule in _book().rules:
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


# ------------------------------------------------------------------------- shadow
def _shadow(text: str, a: int, b: int) -> tuple[str, list[int]]:
    """text[a:b] with pinyin glosses removed and traditional characters simplified,
    and the raw offset of each shadow character."""
    chars: list[str] = []
    offs: list[int] = []
    pos = a
    for m in _GLOSS.finditer(text, a, b):
        chars.append(text[pos:m.start()])
        offs.extend(range(pos, m.start()))
        pos = m.end()
    chars.append(text[pos:b])
    offs.extend(range(pos, b))
    return "".join(chars).translate(_tables()["t2s"]), offs


def _left(ctx: DocContext, start: int, width: int = 24) -> tuple[str, list[int]]:
    return _shadow(ctx.text, max(ctx.body_start, start - width), start)


def _right(ctx: DocContext, end: int, width: int = 24) -> tuple[str, list[int]]:
    return _shadow(ctx.text, end, min(ctx.body_end, end + width))


def _prefix(ctx: DocContext, start: int, bare: bool) -> tuple[str, str] | None:
    """(qualifier, word as written) of a qualifier word right before `start`."""
    t = _tables()
    sh, offs = _left(ctx, start)
    m = t["prefix_rx"].search(sh)
    if not m:
        return None
    word = m.group(1)
    i = m.start(1)
    if i > 0 and sh[i - 1] in t["guards"].get(word, ()):
        return None  # 签约, 通过, 最近 …: part of another word
    if word in t["bare_only"] and not bare:
        return None
    raw = ctx.text[offs[m.start(1)]:offs[m.end(1) - 1] + 1]
    return t["prefix"][word], raw


def _suffix(ctx: DocContext, end: int) -> tuple[str, str, int] | None:
    """(qualifier, word as written, shadow end) of a qualifier word right after `end`."""
    t = _tables()
    sh, offs = _right(ctx, end)
    m = t["suffix_rx"].match(sh)
    if not m:
        return None
    raw = ctx.text[offs[m.start(1)]:offs[m.end(1) - 1] + 1]
    return t["suffix"][m.group(1)], raw, m.end()


def _clause_left(ctx: DocContext, start: int, width: int = 20) -> str:
    sh, _ = _left(ctx, start, width)
    cut = max(sh.rfind(c) for c in _CLAUSE_END)
    return sh[cut + 1:]


# ------------------------------------------------------------------------- values
def _money_value(v: Decimal) -> Decimal:
    """Currency units, at most 2 decimal places, integral values without a fraction."""
    if v == v.to_integral_value():
        return Decimal(int(v))
    return v.quantize(_CENT, rounding=ROUND_HALF_UP)


def _is_bare_scale(s: str) -> bool:
    """百亿, 千万, 万亿: an order of magnitude with no digit (十万 is a plain number)."""
    return s[:1] not in ("十", "拾") and parse_magnitude(s) is not None


def _verb_before(ctx: DocContext, start: int, rx_name: str) -> str | None:
    """The word of list `rx_name` ending right before `start` (guards applied)."""
    t = _tables()
    sh, _ = _left(ctx, start)
    m = t[rx_name].search(sh)
    if not m:
        return None
    i = m.start(1)
    if i > 0 and sh[i - 1] in t["guards"].get(m.group(1), ()):
        return None
    return m.group(1)


def _figure(num: str, infix: str | None, iscale: str | None) -> Decimal | None:
    """The value of a figure with an optional 余/多/几 and scale after it."""
    if _CN_DIGIT_ONLY.match(num):
        return None  # 一元化, 三元里: Chinese digits with no scale are not amounts here
    value = parse_number(num)
    if value is None:
        value = parse_magnitude(num)
    if value is None:
        return None
    if infix and iscale:
        mult = parse_magnitude(iscale)
        if mult is None:
            return None
        value *= mult
    return value


def _currency(groups: dict) -> str:
    t = _tables()
    if "sym" in groups:
        return t["symbol"][groups["sym"]]
    if "cur" in groups:
        return t["currency"][groups["cur"]]
    return "CNY"  # bare amounts and magnitudes: the currency is implied (DECISIONS 003)


def _is_class_label(ctx: DocContext, end: int, qualifier: str | None) -> bool:
    """A threshold amount modifying a class noun: 10亿元以上项目, 超2000亿元的3个大区."""
    t = _tables()
    if qualifier not in t["threshold"]:
        return False
    sh, _ = _right(ctx, end)
    suf = t["suffix_rx"].match(sh)
    rest = sh[suf.end():] if suf else sh
    return bool(t["class_rx"].match(rest))


def _qualify(ctx: DocContext, span: Span, bare: bool) -> tuple[str, str | None]:
    """Qualifier of a single amount: infix/vague 余多几数 > suffix word (左右, 以上,
    以内 …) > prefix word (超, 约, 不超过 …) > exact. A word after the figure binds
    closer than a verb before it (控制在500万元以内 → 以内, 达到100亿元左右 → 左右)."""
    g = span.groups
    t = _tables()
    if g.get("infix"):
        return "more_than", g["infix"]
    if g.get("vague"):
        return "more_than", g["vague"]
    suf = _suffix(ctx, span.end)
    if suf:
        return suf[0], suf[1]
    pre = _prefix(ctx, span.start, bare)
    if pre:
        return pre
    return "exact", None


# ------------------------------------------------------------------------ resolve
class _ClassLabel:
    """_resolve's internal verdict for a class label (10亿元以上项目): not money, and no
    shorter candidate inside it is money either (营收100万—500万元的小微企业)."""


CLASS_LABEL = _ClassLabel()


def _resolve(span: Span, ctx: DocContext):
    kind = span.rule.split(".", 1)[1]
    fn = {"range": _resolve_range, "magnitude": _resolve_magnitude, "bare": _resolve_bare}.get(
        kind, _resolve_amount)
    fields = fn(span, ctx)
    if fields is None:
        return None
    if fields is CLASS_LABEL:
        return Veto("money.veto.class_label", span.start, span.end, hides=True)
    surface = ctx.text[span.start:span.end]
    if surface[0] == "*" or surface[-1] == "*":
        return None  # a masked character never starts or ends a record
    fields["value"] = _money_value(fields["value"])
    if fields.get("value_max") is not None:
        fields["value_max"] = _money_value(fields["value_max"])
    return MONEY.candidate(start=span.start, end=span.end, surface=surface, rule=span.rule, **fields)


def _followed_by_ji(ctx: DocContext, end: int) -> bool:
    sh, _ = _right(ctx, end, 2)
    return sh[:1] == "级"


# 三五万元, 一两千元, 七八十亿元: two adjacent digits before a scale are a colloquial range.
_ADJACENT = re.compile(f"^([一两二三四五六七八])([两二三四五六七八九])([{_SCALE_CHARS}]+)$")
_ADJ_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _adjacent_range(num: str) -> tuple[Decimal, Decimal] | None:
    m = _ADJACENT.match(num)
    if not m:
        return None
    a, b = _ADJ_DIGITS[m.group(1)], _ADJ_DIGITS[m.group(2)]
    if not (b == a + 1 or (a, b) == (3, 5)):
        return None  # 二二, 五三: not a pair of neighbours
    mult = parse_magnitude(m.group(3))
    return (a * mult, b * mult) if mult is not None else None


def _resolve_amount(span: Span, ctx: DocContext) -> dict | None:
    g = span.groups
    value = _figure(g["num"], g.get("infix"), g.get("iscale"))
    if value is None:
        pair = None if g.get("infix") or g.get("vague") else _adjacent_range(g["num"])
        if pair is None or _followed_by_ji(ctx, span.end):
            return None
        if _is_class_label(ctx, span.end, "range"):
            return CLASS_LABEL
        return {"value": pair[0], "value_max": pair[1], "currency": _currency(g),
                "qualifier": "range", "qualifier_text": None}
    if _followed_by_ji(ctx, span.end):
        return None  # 5000亿元级产业: the magnitude rule decides
    bare = _is_bare_scale(g["num"]) and not g.get("infix")
    if bare and not g.get("vague"):
        # 亿元及以上项目, 万元GDP: a bare scale is an amount only as the object of a
        # verb (突破万亿元, 获得千万元…) or before a money noun (千万元融资)
        right = _right(ctx, span.end)[0]
        if _tables()["class_rx"].match(right):
            return CLASS_LABEL  # 亿元项目, 百亿元企业
        if not (_verb_before(ctx, span.start, "bare_verb_rx") or _tables()["mag_noun_rx"].match(right)):
            return None
    qualifier, qtext = _qualify(ctx, span, bare)
    if _is_class_label(ctx, span.end, qualifier):
        return CLASS_LABEL
    return {"value": value, "currency": _currency(g), "qualifier": qualifier,
            "qualifier_text": qtext}


def _resolve_bare(span: Span, ctx: DocContext) -> dict | None:
    """A 万/亿 figure with no currency: money only in a money context (营收突破10万亿)."""
    t = _tables()
    g = span.groups
    value = _figure(g["num"], g.get("infix"), g.get("iscale"))
    if value is None:
        return None
    bare = _is_bare_scale(g["num"]) and not g.get("infix")
    if bare and not g.get("vague") and not _verb_before(ctx, span.start, "bare_verb_rx"):
        return None
    clause = t["context_veto_rx"].sub("", _clause_left(ctx, span.start))
    if not t["context_rx"].search(clause):
        return None  # 品牌曝光超过20亿: a count, not money
    qualifier, qtext = _qualify(ctx, span, bare)
    if _is_class_label(ctx, span.end, qualifier):
        return CLASS_LABEL
    return {"value": value, "currency": "CNY", "qualifier": qualifier, "qualifier_text": qtext}


def _resolve_magnitude(span: Span, ctx: DocContext) -> dict | None:
    """千万级批量订单, 规模达到萬億級: money; 4个万亿级主导产业: a class label."""
    t = _tables()
    g = span.groups
    num = g["num"]
    if _CN_DIGIT_ONLY.match(num):
        return None
    value = parse_number(num)
    if value is None:
        value = parse_magnitude(num)
    if value is None or not any(c in _SCALE_CHARS for c in num):
        return None  # 3级, 二级: grades, not magnitudes
    right, _ = _right(ctx, span.end)
    predicate = _verb_before(ctx, span.start, "mag_verb_rx") and t["mag_follow_rx"].match(right)
    if not predicate and not t["mag_noun_rx"].match(right):
        return None
    return {"value": value, "currency": _currency(g), "qualifier": "magnitude",
            "qualifier_text": ctx.text[span.end - 1]}


def _split_scale(s: str) -> tuple[Decimal | None, Decimal]:
    """`3万` → (3, 10000); `三千万` → (3, 10^7); `8500` → (8500, 1)."""
    m = _HEAD_SCALE.match(s.strip(_SPACE))
    head, scale = m.group(1), m.group(2)
    mult = parse_magnitude(scale) if scale else Decimal(1)
    return parse_number(head), mult if mult is not None else Decimal(1)


def _split_big_scale(s: str) -> tuple[Decimal | None, Decimal]:
    """`二十万` → (20, 10000); `三千万` → (3000, 10000); `1000万` → (1000, 10000)."""
    m = re.match(f"^(.+?)([{''.join(BIG_UNITS)}]*)$", s.strip(_SPACE))
    head, scale = m.group(1), m.group(2)
    mult = parse_magnitude(scale) if scale else Decimal(1)
    return parse_number(head), mult if mult is not None else Decimal(1)


def _resolve_range(span: Span, ctx: DocContext) -> dict | None:
    """1万-5万元, 两到三万元 (the lower bound takes the upper's scale), 8500到3万港元."""
    g = span.groups
    t = _tables()
    if g.get("infix"):
        return None
    lo_s, hi_s = g["lo"], g["num"]
    if re.match(r"^[0０][0-9０-９]", lo_s) or _CN_DIGIT_ONLY.match(hi_s):
        return None  # 0731-…: a phone number
    hi = _figure(hi_s, None, None)
    lo = parse_number(lo_s)
    if hi is None or lo is None:
        return None
    if g.get("lo_cur"):
        if t["currency"][g["lo_cur"]] != t["currency"][g["cur"]]:
            return None
        if t["progression_rx"].search(_left(ctx, span.start, 4)[0]):
            return None  # 从5000亿元到1万亿元: two amounts
    elif not any(c in BIG_UNITS for c in lo_s):
        # The lower bound takes the upper bound's scale where it is smaller than the
        # upper bound's head: a digit takes the whole scale (两到三千万元: 2千万), a
        # larger figure only the 万/亿 part (十到二十万元: 10万, 两千到三千万元: 2千万).
        # 8500到3万港元 keeps 8500 (it is no smaller than 3).
        single = lo < 10 and not any(c in _SCALE_CHARS for c in lo_s)
        head, mult = _split_scale(hi_s) if single else _split_big_scale(hi_s)
        if head is not None and lo < head:
            lo *= mult
    if not lo < hi:
        return None
    if _followed_by_ji(ctx, span.end):
        return None
    if _is_class_label(ctx, span.end, "range"):
        return CLASS_LABEL  # 100万—500万元的小微企业: a size bracket of a class
    return {"value": lo, "value_max": hi, "currency": _currency(g), "qualifier": "range",
            "qualifier_text": g["sep"]}


# ------------------------------------------------------------------------ extractor
@register
class Money(Extractor):
    """Amounts of money (GUIDELINES §2)."""

    table = TABLE

    def find(self, ctx: DocContext) -> list[Span]:
        """Every candidate span of every rule in the body (they may overlap: a range and
        the amount inside it are both candidates; select settles it)."""
        return _find(ctx)

    def resolve(self, span: Span, ctx: DocContext, deps: Deps = NO_DEPS):
        return _resolve(span, ctx)


MONEY = get(TABLE)
