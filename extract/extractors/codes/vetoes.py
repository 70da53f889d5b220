"""The "not a code" decisions of extract/rules/codes.yaml (`vetoes`), compiled.

Each veto is a family with an id (`codes.veto.<reason>`) and tests: exact words or
numbers, place prefixes, patterns, or a named shape check whose limits are data. A code
is refused when any test of any veto of its kind refuses it; the first such veto in file
order names the refusal. The checks:

- `leading_zero`: a digit group of two or more digits starts with 0 (0416, 023);
- `digits {min, max}`: an all-digit code with fewer or more digits;
- `year [from, to]`: an all-digit code of four digits within the years;
- `dot_groups {parts, digits}`: a dotted code (400·887·6363) with more groups, or a
  longer group, than that;
- `month_day {months, days}`: two dotted groups that read as month and day (5·12);
- `chinese_number`: a slogan that is one Chinese number (一百, 三十).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from extract import rulebook
from extract.numerals import is_chinese_numeral, parse_number
from schema.rules import CodeVeto

_LEADING_ZERO = re.compile(r"(?<![0-9])0[0-9]")  # a group of two or more digits that starts with 0
_OPEN_TAIL = re.compile(r"\+[NXM]$")  # 六新六特六优+N: its core is 六新六特六优
_DOT = "·"  # the middle dot of a normalised code (30·60; ・ is mapped to it)
_UNSEEN = object()
_MEMO_SIZE = 1 << 16  # slogan verdicts kept (a corpus repeats its slogans), then forgotten


def core(code: str) -> str:
    """A slogan without its open-ended tail (+N, +X, +M)."""
    return _OPEN_TAIL.sub("", code)


def is_plain_number(core: str) -> bool:
    """一百, 三十: one Chinese number (百千万 is three scales, not one number)."""
    return is_chinese_numeral(core) and parse_number(core) is not None


# ------------------------------------------------------------------ numeric checks
def _leading_zero(code: str) -> bool:
    return _LEADING_ZERO.search(code) is not None


def _digits(lo: int | None, hi: int | None) -> Callable[[str], bool]:
    def test(code: str) -> bool:
        return code.isdigit() and ((lo is not None and len(code) < lo) or (hi is not None and len(code) > hi))
    return test


def _year(lo: int, hi: int) -> Callable[[str], bool]:
    def test(code: str) -> bool:
        return code.isdigit() and len(code) == 4 and lo <= int(code) <= hi
    return test


def _dot_groups(parts: int, digits: int) -> Callable[[str], bool]:
    def test(code: str) -> bool:
        if _DOT not in code:
            return False
        groups = code.split(_DOT)
        return len(groups) > parts or any(len(g) > digits for g in groups)
    return test


def _month_day(months: tuple[int, int], days: tuple[int, int]) -> Callable[[str], bool]:
    (first_month, last_month), (first_day, last_day) = months, days

    def test(code: str) -> bool:
        if _DOT not in code:
            return False
        groups = code.split(_DOT)
        if len(groups) != 2 or not all(g.isdigit() for g in groups):
            return False
        month, day = (int(g) for g in groups)
        return first_month <= month <= last_month and first_day <= day <= last_day
    return test


# The codes a check can refuse: any, all-digit codes only, or dotted codes only (a veto
# is tried only on the codes of its scope: a speed-up, the tests check their scope too).
_ANY, _DIGITS, _DOTTED = "any", "digits", "dotted"


def _numeric_test(veto: CodeVeto) -> tuple[Callable[[str], bool] | None, str]:
    """A numeric veto's check, and its scope."""
    check = veto.check
    if check is None:
        return None, _ANY
    if check.leading_zero:
        return _leading_zero, _ANY
    if check.digits is not None:
        return _digits(check.digits.min, check.digits.max), _DIGITS
    if check.year is not None:
        return _year(*check.year), _DIGITS
    if check.dot_groups is not None:
        return _dot_groups(check.dot_groups.parts, check.dot_groups.digits), _DOTTED
    if check.month_day is not None:
        return _month_day(check.month_day.months, check.month_day.days), _DOTTED
    raise ValueError(f"{veto.id}: check {check.name!r} does not judge numeric codes")


# ------------------------------------------------------------------ vetoes
@dataclass(frozen=True, slots=True)
class NumericVeto:
    id: str
    numbers: frozenset[str]
    test: Callable[[str], bool] | None
    unless_label: bool
    scope: str = _ANY

    def refuses(self, code: str, labelled: bool) -> bool:
        if labelled and self.unless_label:
            return False
        return code in self.numbers or (self.test is not None and self.test(code))


@dataclass(frozen=True, slots=True)
class SloganVeto:
    id: str
    words: frozenset[str]
    prefix: re.Pattern | None    # ^(?:prefixes)
    pattern: re.Pattern | None   # (?:p1)|(?:p2)…, searched
    number: bool                 # check chinese_number

    def refuses(self, code: str, core: str) -> bool:
        return (code in self.words or core in self.words
                or (self.prefix is not None and self.prefix.match(core) is not None)
                or (self.pattern is not None and self.pattern.search(core) is not None)
                or (self.number and is_plain_number(core)))


def _numeric_veto(veto: CodeVeto) -> NumericVeto:
    test, scope = _numeric_test(veto)
    return NumericVeto(veto.id, frozenset(veto.numbers), test, veto.unless_label, scope)


def _union(patterns: list[str]) -> re.Pattern | None:
    if not patterns:
        return None
    return rulebook.compile("|".join(f"(?:{rulebook.expand(p)})" for p in patterns))


def _prefix(words: list[str]) -> re.Pattern | None:
    return rulebook.compile("^" + rulebook.alternation(words)) if words else None


@dataclass(frozen=True, slots=True)
class Vetoes:
    """Every veto of codes.yaml by kind, plus the union of the slogan tests (one look for
    "does any veto refuse this slogan"; the vetoes are walked only when one does)."""

    numeric: tuple[NumericVeto, ...]
    slogan: tuple[SloganVeto, ...]
    numeric_by_scope: dict[str, tuple[NumericVeto, ...]]  # digits / dotted / other codes
    any_words: frozenset[str]
    any_prefix: re.Pattern | None
    any_pattern: re.Pattern | None
    # a slogan's verdict is a pure function of the code, and slogans repeat across a corpus
    # far more than numeric codes do (which are not memoised: a look-up costs what the checks do)
    _slogan_memo: dict = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_data(cls, items: list[dict]) -> "Vetoes":
        vetoes = [CodeVeto.model_validate(v) for v in items]
        numeric = tuple(_numeric_veto(v) for v in vetoes if v.kind == "numeric")
        slogans = [v for v in vetoes if v.kind == "numeral_slogan"]
        slogan = tuple(SloganVeto(v.id, frozenset(v.words), _prefix(v.prefixes), _union(v.patterns),
                                  v.check is not None and v.check.name == "chinese_number")
                       for v in slogans)
        by_scope = {scope: tuple(v for v in numeric if v.scope in (_ANY, scope)) for scope in (_DIGITS, _DOTTED)}
        by_scope[_ANY] = tuple(v for v in numeric if v.scope == _ANY)
        return cls(numeric, slogan, by_scope,
                   any_words=frozenset(w for v in slogans for w in v.words),
                   any_prefix=_prefix([p for v in slogans for p in v.prefixes]),
                   any_pattern=_union([p for v in slogans for p in v.patterns]))

    def numeric_veto(self, code: str, labelled: bool) -> str | None:
        """The id of the first veto refusing a numeric code (`labelled`: a system noun
        follows it), or None."""
        scope = _DIGITS if code.isdigit() else _DOTTED if _DOT in code else _ANY
        for veto in self.numeric_by_scope[scope]:  # NumericVeto.refuses, inlined: every numeric candidate runs it
            if labelled and veto.unless_label:
                continue
            if code in veto.numbers or (veto.test is not None and veto.test(code)):
                return veto.id
        return None

    def slogan_veto(self, code: str) -> str | None:
        """The id of the first veto refusing a numeral slogan, or None."""
        memo = self._slogan_memo
        got = memo.get(code, _UNSEEN)
        if got is _UNSEEN:
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            got = memo[code] = self._slogan_veto(code)
        return got

    def _slogan_veto(self, code: str) -> str | None:
        c = core(code)
        if not (code in self.any_words or c in self.any_words
                or (self.any_prefix is not None and self.any_prefix.match(c))
                or is_plain_number(c)
                or (self.any_pattern is not None and self.any_pattern.search(c))):
            return None
        for veto in self.slogan:
            if veto.refuses(code, c):
                return veto.id
        raise AssertionError(f"the union of the slogan vetoes refuses {code!r}, no veto does")
