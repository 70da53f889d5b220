"""Exact numbers from Arabic, Chinese, financial and mixed numerals.

One parser for every extractor. Values are `Decimal` built from integers and
decimal strings, never floats. The input is a surface slice of the raw text;
normalisation (full-width digits, separators, traditional characters) happens
here, on the slice, so offsets in the text are never touched.

>>> parse_number("2000")
Decimal('2000')
>>> parse_number("1.2万亿")
Decimal('1200000000000.0')
>>> parse_number("一万二千三百四十五")
Decimal('12345')
>>> parse_number("两千亿")
Decimal('200000000000')
>>> parse_number("１２．５")
Decimal('12.5')
>>> parse_number("120,000")
Decimal('120000')
>>> parse_number("壹仟贰佰")
Decimal('1200')
>>> parse_number("二〇二四")
Decimal('2024')
>>> parse_number("十五")
Decimal('15')
>>> parse_number("十五五") is None   # a five-year plan, not a number
True
>>> parse_number("三千五")          # colloquial: the last digit takes the next lower unit
Decimal('3500')
>>> parse_number("3.5 万亿")
Decimal('3500000000000.0')
>>> parse_number("三点五万")        # 点 as a decimal point
Decimal('35000.0')
>>> parse_number("1234万5678")      # mixed: Arabic groups with scale characters
Decimal('12345678')
>>> parse_number("壹億贰仟萬")
Decimal('120000000')
>>> parse_number("1 2") is None     # two figures, not one
True
>>> parse_number("万亿") is None     # a bare scale is a magnitude, see parse_magnitude
True
>>> parse_magnitude("千万"), parse_magnitude("萬億")
(Decimal('10000000'), Decimal('1000000000000'))
>>> to_chinese(100010), to_chinese(2_0000_0000, liang=True)
('十万零一十', '两亿')
>>> to_mixed(1_2345_6789)
'1亿2345万6789'
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from extract import vocab

# The digit and unit tables of rules/common.yaml (simplified, traditional and financial
# forms): digit → 0…9, 十 百 千 → 10 100 1000, 万 亿 → 10^4 10^8.
DIGITS: dict[str, int] = dict(vocab.digits())
SMALL_UNITS: dict[str, int] = dict(vocab.small_units())
BIG_UNITS: dict[str, int] = dict(vocab.big_units())

CHINESE_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


class _Style(NamedTuple):
    """How one style writes a number: digits 0–9, units 十 百 千 万 亿."""

    digits: str
    units: str


_NUMERALS = vocab.numerals()
_STYLES = {name: _Style(st["digits"], st["units"]) for name, st in _NUMERALS["styles"].items()}
_SIMPLIFIED = _STYLES["simplified"]
_LIANG = _NUMERALS["liang"]
_POINTS = tuple(_NUMERALS["decimal_points"])

_FULLWIDTH = vocab.fullwidth()
_ARABIC = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
# Separators that may sit inside a written figure: ASCII/full-width commas, spaces.
_INNER_SPACE = re.compile(r"[\s\u00a0\u3000]+")
# A space between two digits joins two figures ("1 2"): that is not one number.
_DIGIT_SPACE_DIGIT = re.compile(r"[0-9][\s\u00a0\u3000]+[0-9]")


def _point_pattern() -> re.Pattern:
    """点 / 點 as a decimal point: integer part, point, fraction digits read one by one, and
    a scale in simplified or traditional script (三点五 = 3.5, 一点二万 = 12000)."""
    points = re.escape(_NUMERALS["decimal_points"])
    fraction = re.escape(_NUMERALS["fraction_digits"])
    scales = re.escape("".join(sorted(set(_SIMPLIFIED.units + _STYLES["traditional"].units))))
    return re.compile(f"^(?P<int>[^{points}]*)[{points}](?P<frac>[{fraction}0-9]+)(?P<scale>[{scales}]*)$")


_CN_POINT = _point_pattern()


def _tokens(s: str):
    """Yield ('num', Decimal) | ('digit', int) | ('small', int) | ('big', int)."""
    i, n = 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isascii() and ch.isdigit():
            m = _ARABIC.match(s, i)
            raw = m.group(0)
            if "," in raw and not re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", raw):
                raise ValueError(f"bad thousands separators in {raw!r}")
            yield "num", Decimal(raw.replace(",", ""))
            i = m.end()
            continue
        if ch in DIGITS:
            yield "digit", DIGITS[ch]
        elif ch in SMALL_UNITS:
            yield "small", SMALL_UNITS[ch]
        elif ch in BIG_UNITS:
            yield "big", BIG_UNITS[ch]
        else:
            raise ValueError(f"not a numeral character: {ch!r}")
        i += 1


def _digit_string(tokens) -> Decimal | None:
    """`二〇二四` → 2024: Chinese digits written positionally, no units."""
    if len(tokens) > 1 and all(kind == "digit" for kind, _ in tokens):
        return Decimal("".join(str(v) for _, v in tokens))
    return None


def parse_number(surface: str) -> Decimal | None:
    """The exact value of a numeral surface, or None when it is not one number."""
    s = surface.translate(_FULLWIDTH).strip()
    if _DIGIT_SPACE_DIGIT.search(s):
        return None
    s = _INNER_SPACE.sub("", s)
    if not s:
        return None
    for point in _POINTS:
        if point in s:
            return _parse_point(s)
    try:
        tokens = list(_tokens(s))
    except (ValueError, InvalidOperation):
        return None
    positional = _digit_string(tokens)
    if positional is not None:
        return positional
    return _unit_value(tokens)


def _unit_value(tokens: list) -> Decimal | None:
    """The value of a numeral written with units (三千五百, 一百零五, 2万3千), or None."""
    total = Decimal(0)    # completed 亿 groups
    section = Decimal(0)  # completed parts below the current big unit
    num: Decimal | None = None  # a figure waiting for its unit
    last_unit = 1         # the unit applied last, for "三千五" style endings
    prev = None           # kind of the previous token; a written zero is "zero"
    for kind, value in tokens:
        if kind == "digit" and value == 0:
            kind = "zero"  # 一百零五: a zero only marks a gap
        if kind in ("num", "digit"):
            if prev in ("num", "digit"):
                return None  # 十五五, "1 2": two figures with no unit between
            num = Decimal(value)
        elif kind == "zero":
            if prev in ("num", "digit") or prev is None and len(tokens) > 1:
                return None
            num = None if prev != "zero" else num
        elif kind == "small":
            if prev == "small":
                return None
            if num is None:
                if value != 10 or prev not in (None, "big", "zero"):
                    return None
                num = Decimal(1)  # 十五 = 一十五
            section += num * value
            last_unit, num = value, None
        else:  # big unit
            if prev is None or prev == "zero":
                return None
            if value == 10**8:
                total = (total + section + (num or 0)) * value
                section = Decimal(0)
            else:
                section = (section + (num or 0)) * value
            last_unit, num = value, None
        prev = kind
    if prev == "zero" and len(tokens) > 1:
        return None
    if num is not None:
        if last_unit >= 100 and prev == "digit" and _after_unit(tokens):
            num *= last_unit // 10  # 三千五 = 3500, 一万二 = 12000
        section += num
    return total + section


def _after_unit(tokens) -> bool:
    """True when the final digit directly follows a unit (no 零 in between)."""
    return len(tokens) >= 2 and tokens[-2][0] in ("small", "big")


def is_chinese_numeral(s: str) -> bool:
    return bool(s) and all(ch in CHINESE_NUMERAL_CHARS for ch in s)


def _parse_point(s: str) -> Decimal | None:
    """`三点五万` → 35000: integer part, 点, positional fraction digits, optional scale."""
    m = _CN_POINT.match(s)
    if not m:
        return None
    whole = parse_number(m.group("int")) if m.group("int") else None
    if whole is None or whole != whole.to_integral_value():
        return None
    frac = "".join(str(DIGITS[c]) if c in DIGITS else c for c in m.group("frac"))
    base = Decimal(f"{int(whole)}.{frac}")
    scale = m.group("scale")
    if not scale:
        return base
    mult = parse_magnitude(scale)
    return None if mult is None else base * mult


def parse_magnitude(surface: str) -> Decimal | None:
    """The value of a bare scale word (`千万` 1e7, `万亿` 1e12, `百亿` 1e10), else None.

    A bare scale names an order of magnitude (`千万级`, `突破万亿`); it is read as one
    of that unit. Anything holding a digit is not a bare scale.

    >>> parse_magnitude("亿"), parse_magnitude("百万")
    (Decimal('100000000'), Decimal('1000000'))
    >>> parse_magnitude("两千") is None
    True
    """
    s = _INNER_SPACE.sub("", surface)
    if not s or not all(ch in SMALL_UNITS or ch in BIG_UNITS for ch in s):
        return None
    return parse_number(_SIMPLIFIED.digits[1] + s)


# ---- writing numbers (for tests and for extractors that need a canonical form) ----

def to_chinese(n: int, style: str = "simplified", liang: bool = False) -> str:
    """Write a non-negative integer in Chinese numerals (`10010` → `一万零一十`).

    style: simplified | financial (壹贰叁…拾佰仟萬億) | traditional (萬 億).
    liang: write 两 for a leading 2 before 百/千/万/亿 (`两千`).
    Numbers of 10^16 and more repeat 亿 (`一亿亿`).

    >>> to_chinese(0), to_chinese(15), to_chinese(110), to_chinese(1005)
    ('零', '十五', '一百一十', '一千零五')
    >>> to_chinese(1200, style="financial")
    '壹仟贰佰'
    """
    if n < 0:
        raise ValueError("negative")
    digits, units = _STYLES[style]
    if n == 0:
        return digits[0]

    def section(v: int, head: bool) -> str:  # 0 < v < 10000
        out, zero = [], False
        for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
            d, v = divmod(v, power)
            if d == 0:
                zero = bool(out)
                continue
            if zero:
                out.append(digits[0])
                zero = False
            if power == 10 and d == 1 and head and not out:
                out.append(unit)  # 十五, not 一十五, at the head of a number
                continue
            if d == 2 and liang and power >= 100 and not out:
                out.append(_LIANG)
            else:
                out.append(digits[d])
            out.append(unit)
        return "".join(out)

    def write(v: int, head: bool) -> str:
        if v < 10**4:
            return section(v, head)
        big, small, unit = (10**8, 10**7, units[4]) if v >= 10**8 else (10**4, 10**3, units[3])
        hi, lo = divmod(v, big)
        out = write(hi, head) + unit
        if lo:
            out += (digits[0] if lo < small else "") + write(lo, False)
        return out

    text = write(n, True)
    if liang and text[:1] == _SIMPLIFIED.digits[2] and len(text) > 1 and text[1] in units[3:]:
        text = _LIANG + text[1:]  # 两万, 两亿
    return text


def to_mixed(n: int) -> str:
    """Write an integer as Arabic groups with 万/亿 (`123456789` → `1亿2345万6789`).

    >>> to_mixed(0), to_mixed(10500), to_mixed(2_0000_0000_0000)
    ('0', '1万500', '2万亿')
    """
    if n < 10**4:
        return str(n)
    units = _SIMPLIFIED.units
    big, unit = (10**8, units[4]) if n >= 10**8 else (10**4, units[3])
    hi, lo = divmod(n, big)
    if big == 10**8 and hi >= 10**4 and hi % 10**4 == 0:
        head = to_mixed(hi // 10**4) + units[3]  # 2万亿, not 20000亿 (both parse)
    else:
        head = to_mixed(hi)
    return head + unit + (to_mixed(lo) if lo else "")
