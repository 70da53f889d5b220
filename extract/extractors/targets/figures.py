"""Figures: the spans `find` yields (a number with its unit, a percentage, a doubling, a
money magnitude), and the value each reads.

Every rule of targets.yaml declares its value kind; `READERS` holds one reader per kind,
each taking the match's named groups only (so a new rule of a known kind yields figures
with no code change). `REQUIRED_GROUPS` are the groups a kind reads: a rule without them
fails when the rules load. Groups every kind may have:
  post   a comparison word after the figure (左右, 以上 … : vocab.target_comparators)
  more   余/多 inside the figure (more than)
  lo     the lower bound of a range (300-500家): the value, comparator >=
  verb   a verb before the figure (突破万亿元): not in the span; its comparator
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Callable, NamedTuple

from extract.numerals import parse_number as _parse_number
from extract.spans import Span
from extract import vocab

if TYPE_CHECKING:
    from extract.extractors.targets.data import Data

# The same surfaces (2030, 5%) recur across figures; a Decimal is immutable, so share it.
parse_number = lru_cache(maxsize=1 << 14)(_parse_number)


class Read(NamedTuple):
    """What a reader gets from a match: the value, its unit, written in Chinese numerals."""

    value: Decimal
    unit: str
    cn: bool


class Fields(NamedTuple):
    """What a figure reads from its match's groups (worked out once per distinct groups)."""

    value: Decimal
    unit: str
    cn: bool
    cmp: str | None
    num: str | None
    has_num: bool
    verb: str | None


# made once per distinct figure match: tuple.__new__ skips NamedTuple's Python-level __new__
_read = partial(tuple.__new__, Read)
_fields = partial(tuple.__new__, Fields)


def _count(g: dict, d: Data) -> Read | None:
    num = g["num"]
    value = parse_number(num)
    if value is None:
        return None
    lo = g.get("lo")
    if lo:
        lo_value = parse_number(lo)
        if lo_value is not None:
            # "300-500家", "1万-2万元": the lower bound; a bare lower figure takes the scale
            # of the upper one (5-6万人).
            scale = d.scale_end_rx.search(num.strip())
            if scale and not d.scale_rx.search(lo):
                lo_value = parse_number(lo + scale.group(0)) or lo_value
            value = lo_value
    return _read((value, d.units[g["unit"]], not d.arabic_rx.search(num)))


def _percent(g: dict, d: Data) -> Read | None:
    value = parse_number(g.get("lo") or g["num"])
    return _read((value, "%", False)) if value is not None else None


def _percent_cn(g: dict, d: Data) -> Read | None:
    raw = g["num"]
    for point in d.decimal_point:
        raw = raw.replace(point, ".")
    if "." in raw:
        a, b = raw.split(".", 1)
        ia = parse_number(a)
        if ia is None or not b:
            return None
        frac = "".join(str(parse_number(c) or 0) for c in b)
        value = Decimal(f"{ia}.{frac}")
    else:
        value = parse_number(raw)
    return _read((value, "%", True)) if value is not None else None


def _fraction(g: dict, d: Data) -> Read | None:
    den, num = parse_number(g["den"]), parse_number(g["num"])
    if not den or num is None:
        return None
    return _read(((num * 100 / den).quantize(Decimal("0.01")), "%", False))


def _double(g: dict, d: Data) -> Read | None:
    times = vocab.digits().get(g["times"], 1) if g.get("times") else 1
    return _read((Decimal(2 ** times), d.double_unit, False))


def _magnitude(g: dict, d: Data) -> Read | None:
    return _read((parse_number("1" + g["mag"]), d.money_unit, False))


READERS: dict[str, Callable[[dict, "Data"], Read | None]] = {
    "count": _count, "percent": _percent, "percent_cn": _percent_cn, "fraction": _fraction,
    "double": _double, "magnitude": _magnitude,
}
REQUIRED_GROUPS: dict[str, tuple[str, ...]] = {
    "count": ("num", "unit"), "percent": ("num",), "percent_cn": ("num",),
    "fraction": ("num", "den"), "double": (), "magnitude": ("mag",),
}


def cmp_of_post(post: str | None, more: str | None, d: Data) -> str | None:
    """The comparator of the words after a figure: an approximation or an upper bound wins
    over 余/多 inside the figure, which wins over a lower bound (以上)."""
    got = d.cmp_words.get((post or "").strip())
    if got in ("~", "<="):
        return got
    if more:
        return ">"
    return got


def fields(kind: str, m, d: Data) -> Fields | None:
    """The fields of a figure match, None when it is not a number."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    got = READERS[kind](g, d)
    if got is None:
        return None
    cmp = cmp_of_post(g.get("post"), g.get("more"), d)
    if g.get("lo"):
        cmp = ">="
    verb = g.get("verb")
    if verb is not None:
        cmp = d.cmp_words.get(verb, ">=")
    return _fields((got.value, got.unit, got.cn, cmp, g.get("num") or g.get("mag"), "num" in g, verb))


_FIELDS: dict = {}  # (rule id, match groups) -> Fields, or () when not a figure


def find(ctx, d: Data) -> list[Span]:
    """Figures in the body (number + unit, %, 翻番, money magnitudes), overlaps resolved."""
    spans = []
    text, bs, be = ctx.text, ctx.body_start, ctx.body_end
    for fr in d.rules:
        rule_id = fr.rule.id
        for m in fr.rule.scanner.finditer(text, bs, be):
            key = (rule_id, m.groups())
            got = _FIELDS.get(key)
            if got is None:
                got = _FIELDS[key] = fields(fr.kind, m, d) or ()
            if not got:
                continue
            start = m.start("verb") + len(got.verb) if got.verb is not None else m.start()
            spans.append(Span(rule_id, start, m.end(), {
                "value": got.value, "unit": got.unit, "cn": got.cn, "cmp": got.cmp, "num": got.num,
                "num_start": m.start("num") if got.has_num else start, "kind": fr.kind}))
    if len(_FIELDS) > 50_000:
        _FIELDS.clear()
    return non_overlapping(spans)


def non_overlapping(spans: list[Span]) -> list[Span]:
    """The policy of extract.spans.resolve_overlaps (longest wins, then leftmost, then rule
    id) in O(n·len) for short figure spans."""
    taken: set[int] = set()
    chosen = []
    for s in sorted(spans, key=lambda s: (-(s.end - s.start), s.start, s.rule)):
        cells = range(s.start, s.end)
        if taken.isdisjoint(cells):
            taken.update(cells)
            chosen.append(s)
    return sorted(chosen, key=lambda s: (s.start, s.end))


# The comparator of a money record's qualifier (GUIDELINES §2 → §4).
_QUALIFIER_CMP = {"exact": None, "over": ">", "at_least": ">=", "about": "~", "more_than": ">",
                  "up_to": "<=", "range": ">=", "magnitude": None}


def money_spans(ctx, money, figures: list[Span], d: Data) -> list[Span]:
    """Money records (CNY) no figure covers (e.g. 突破万亿 in a money context)."""
    out = []
    rule_id = d.money_rules[0] if d.money_rules else None
    if rule_id is None:
        return out
    for rec in money:
        s, e = rec.start, rec.end
        if not ctx.in_body(s, e) or any(f.start < e and s < f.end for f in figures):
            continue
        if rec.currency != "CNY":
            continue
        out.append(Span(rule_id, s, e, {
            "value": Decimal(str(rec.value)), "unit": d.money_unit, "cn": False,
            "cmp": _QUALIFIER_CMP.get(rec.qualifier.value), "num": rec.surface,
            "num_start": s, "money_record_id": rec.record_id, "kind": "money"}))
    return out
