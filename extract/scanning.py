"""Every regex speed-up of the extractors, in one place.

Rules are plain regular expressions (extract/rules/*.yaml). Scanning a long body with
hundreds of them is the hot loop of a build, so this module finds exactly the matches
`re.finditer(pattern, text, lo, hi)` finds, with less work:

- `compile`: a pattern led by a lookahead on the characters a match can start with, so
  the engine rejects most positions with one set lookup;
- `Scanner`: for one rule, the cheapest of several equivalent scans (a pattern that opens
  with a character class is left to the engine; one that opens with a lookbehind is tried
  only where what follows it can start; a body lacking a character every match contains
  is not scanned; a one-line pattern is tried only on the lines holding such a character);
- `anchor_windows`: the ranges of a body around anchor characters (a currency, 年, 月 …)
  where an extractor's matches can lie.

tests/test_scanning.py checks, for every rule of every rule file, on every spec text and
raw document, that a Scanner finds what plain `re.finditer` finds. Nothing here changes
what matches; it only changes how fast.
"""
from __future__ import annotations

import re
from typing import Iterator

# the regex parser (Python 3.11+), to read how a pattern starts and what every match holds
import re._constants as _c
import re._parser as _p

_CATEGORIES = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s", _c.CATEGORY_WORD: r"\w"}
_REPEATS = tuple(op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op)


def parse(pattern: str, flags: int = 0):
    """The parsed form of a pattern (the standard library's regex parser)."""
    return _p.parse(pattern, flags)


# ------------------------------------------------------------------ first characters
class _Unbounded(Exception):
    pass


def first_chars(pattern: str) -> str | None:
    """A character class holding every character a match of `pattern` can start with,
    or None when that is unbounded (`.`, negated classes) or a match can be empty.

    >>> first_chars(r"(?<![0-9])(?:[0-9]+|[一二])?万元")
    '[0-9一万二]'
    >>> first_chars(r"^\\s*(?:责编|版权)"), first_chars(r"a?"), first_chars(r"[^a]b")
    ('[\\\\s版责]', None, None)
    """
    try:
        items, nullable = _first(_p.parse(pattern).data)
    except _Unbounded:
        return None
    if nullable:  # the whole pattern can match the empty string
        return None
    return "[" + "".join(sorted(set(items))) + "]"


def compile(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile, led by a lookahead on the pattern's possible first characters.

    The lookahead lets the regex engine reject most positions with one set lookup
    instead of trying every alternative at each of them (3 to 10 times faster on long
    alternations); it never changes what matches.
    """
    first = None if flags & re.IGNORECASE or _starts_with_class(pattern) else first_chars(pattern)
    return re.compile(f"(?={first})(?:{pattern})" if first else pattern, flags)


def _starts_with_class(pattern: str) -> bool:
    """True when the pattern opens with a literal or a character class: the engine then
    skips to candidate positions by itself, and a lookahead would only get in its way."""
    try:
        seq = _p.parse(pattern).data
    except re.error:
        return False
    while seq:
        op, av = seq[0]
        if op in (_c.LITERAL, _c.IN):
            return True
        if op is not _c.SUBPATTERN:
            return False
        seq = av[-1].data if hasattr(av[-1], "data") else av[-1]
    return False


def _class_item(op, av) -> str:
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op is _c.CATEGORY and av in _CATEGORIES:
        return _CATEGORIES[av]
    raise _Unbounded


def _first(seq) -> tuple[list[str], bool]:
    """(first-character class items, whether the sequence can match the empty string)."""
    out: list[str] = []
    for op, av in seq:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item decides
        if op is _c.LITERAL:
            return out + [_class_item(op, av)], False
        if op is _c.IN:
            if any(o is _c.NEGATE for o, _ in av):
                raise _Unbounded
            return out + [_class_item(o, a) for o, a in av], False
        if op is _c.SUBPATTERN:
            items, nullable = _first(av[-1])
        elif op is _c.BRANCH:
            parts = [_first(b) for b in av[1]]
            items, nullable = [i for x, _ in parts for i in x], any(n for _, n in parts)
        elif op in _REPEATS:
            items, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            items, nullable = _first(av)
        else:
            raise _Unbounded  # ANY, NOT_LITERAL, back-references …
        out += items
        if not nullable:
            return out, False
    return out, True


# ------------------------------------------------------------ what every match holds
def required_chars(seq) -> list[str]:
    """Character sets (as strings) of which every match of the parsed pattern `seq`
    consumes at least one character: literals and small literal classes outside optional
    parts, and for an alternation the union of one such set of each branch (when each
    has one). Assertions are skipped (they add nothing required).

    >>> required_chars(parse(r"(?:[0-9]+)(?:%|个百分点)").data)
    ['%个']
    """
    out = []
    for op, av in seq:
        if op is _c.LITERAL:
            out.append(chr(av))
        elif op is _c.IN:
            if len(av) <= 4 and all(o is _c.LITERAL for o, _ in av):
                out.append("".join(chr(a) for _, a in av))
        elif op is _c.SUBPATTERN:
            if not av[1] & re.IGNORECASE:
                out += required_chars(av[-1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            out += required_chars(av[2])
        elif op is _c.BRANCH:
            firsts = [required_chars(b) for b in av[1]]
            if all(firsts):
                out.append("".join(f[0] for f in firsts))
    return out


def one_line(seq) -> bool:
    """True when no match of the parsed pattern `seq` (nor any of its lookarounds) can hold
    a line break, and it has no anchors: then a match lies within one line, and searching
    a line (pos/endpos at its ends) finds what searching the whole text finds there (a
    lookbehind still sees the text before pos; a lookahead sees the end of the string at
    endpos where it would see the line break, which it cannot match either)."""
    for op, av in seq:
        if op is _c.LITERAL:
            if av == 10:
                return False
        elif op is _c.IN:
            for o, a in av:
                if (o is _c.LITERAL and a == 10) or (o is _c.RANGE and a[0] <= 10 <= a[1]):
                    return False
                if o is not _c.LITERAL and o is not _c.RANGE:
                    return False  # negated sets, categories (\s): may hold one
        elif op is _c.SUBPATTERN:
            if not one_line(av[-1]):
                return False
        elif op is _c.BRANCH:
            if not all(one_line(b) for b in av[1]):
                return False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            if not one_line(av[2]):
                return False
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            if not one_line(av[1]):
                return False
        else:
            return False  # ., anchors, back-references …
    return True


def lines_with(text: str, required: tuple[re.Pattern, ...], pos: int, endpos: int):
    """(start, end) of the lines of text[pos:endpos] holding a character of each set in
    `required` (compiled character classes), in order."""
    first, rest = required[0], required[1:]
    while True:
        hit = first.search(text, pos, endpos)
        if hit is None:
            return
        k = text.rfind("\n", pos, hit.start())
        start = k + 1 if k >= 0 else pos
        end = text.find("\n", hit.start(), endpos)
        if end < 0:
            end = endpos
        if all(rx.search(text, start, end) for rx in rest):
            yield start, end
        pos = end + 1


# ------------------------------------------------------------------------- Scanner
class Scanner:
    """`re.finditer(pattern, text, lo, hi)` for one pattern: the same matches, found faster.

    How the matches are looked for, chosen once from the pattern's shape:
    - a pattern that starts with a character class (or literal): compiled as written, the
      engine skips to that class's characters by itself;
    - a lookbehind followed by a class-led rest (`(?<![第0-9…])(?P<code>[二两…]…)`): the rest,
      compiled alone, is searched for, and the whole pattern is tried only where it starts,
      in finditer's left-to-right, non-overlapping walk;
    - a one-character negative lookbehind refusing every character the pattern can start
      with (`(?<![0-9０-９…])` before a digit): a match can only begin where a run of those
      characters begins, so the pattern is tried only there (runs kept in `memo`, per
      document, for the next pattern with the same first characters);
    - otherwise the lookahead-led compile().
    Independently: a text range lacking a character every match holds is not scanned, and
    a pattern that never spans a line, whose rarest required set is small, is scanned only
    on the lines holding it.
    """

    __slots__ = ("pattern", "regex", "_plain", "_ahead", "_runs", "_required", "_by_line")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.regex = compile(pattern, flags)
        self._plain = self._ahead = self._runs = None
        parsed = _p.parse(pattern, flags)
        chars = [] if parsed.state.flags & re.IGNORECASE else required_chars(parsed.data)
        chars = sorted((set(c) for c in chars), key=len)  # fewest first: looked up by line
        self._required = tuple(re.compile("[" + "".join(map(re.escape, sorted(c))) + "]") for c in chars)
        lead = _lead(parsed.data)
        first = first_chars(pattern)
        literal_led = bool(parsed.data) and parsed.data[0][0] is _c.LITERAL
        # Reading line by line pays off when those lines are few: a set of a few characters
        # (%, 分) rather than a dozen (the units, 万/亿).
        self._by_line = bool(chars) and len(chars[0]) <= 4 and not literal_led and one_line(parsed.data)
        if flags or not lead or first is None:
            return
        op, av = lead[0]
        if _class_led(lead):
            self._plain = re.compile(pattern)
            return
        rest = _after_lookbehind(pattern) if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] == -1 else None
        if rest is not None and _class_led(_p.parse(rest).data):
            self._ahead = re.compile(rest)
        elif op is _c.ASSERT_NOT and av[0] == -1 and _refuses_all(av[1], first):
            self._runs = re.compile(f"{first}{first}*")

    def finditer(self, text: str, lo: int, hi: int, memo: dict | None = None) -> Iterator[re.Match]:
        """Matches in text[lo:hi], as re.finditer(pattern, text[…], lo, hi) yields them."""
        if not all(rx.search(text, lo, hi) for rx in self._required):
            return iter(())
        if self._by_line:
            return (m for a, b in lines_with(text, self._required, lo, hi) for m in self._scan(text, a, b, None))
        return self._scan(text, lo, hi, memo)

    def _scan(self, text: str, lo: int, hi: int, memo: dict | None):
        if self._plain is not None:
            return self._plain.finditer(text, lo, hi)
        if self._ahead is not None:
            return self._after_behind(text, lo, hi)
        if self._runs is None:
            return self.regex.finditer(text, lo, hi)
        key = ("runs", self._runs.pattern, lo, hi)
        starts = memo.get(key) if memo is not None else None
        if starts is None:
            starts = [m.start() for m in self._runs.finditer(text, lo, hi)]
            if memo is not None:
                memo[key] = starts
        return self._at(starts, text, hi)

    def _after_behind(self, text: str, lo: int, hi: int):
        search, match = self._ahead.search, self.regex.match
        done = lo
        c = search(text, lo, hi)
        while c:
            start = c.start()
            m = match(text, start, hi) if start >= done else None
            if m:
                done = m.end()
                yield m
            c = search(text, max(start + 1, done), hi)

    def _at(self, starts: list[int], text: str, hi: int):
        match = self.regex.match
        done = 0
        for start in starts:
            if start < done:
                continue
            m = match(text, start, hi)
            if m:
                done = m.end()
                yield m


def _lead(seq):
    while seq and seq[0][0] is _c.SUBPATTERN:
        sub = seq[0][1][-1]
        seq = sub.data if hasattr(sub, "data") else sub
    return seq


def _class_led(seq) -> bool:
    """A parsed pattern whose first item (inside groups) is a character or a class:
    sre then scans for its first characters in C."""
    seq = _lead(seq)
    return bool(seq) and seq[0][0] in (_c.IN, _c.LITERAL)


def _after_lookbehind(pattern: str) -> str | None:
    """The rest of a pattern that opens with a lookbehind `(?<!…)` or `(?<=…)`, else None."""
    if not pattern.startswith(("(?<!", "(?<=")):
        return None
    depth, i, in_class = 1, 4, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += 1 + (pattern[i + 1:i + 2] == "^")
            i += pattern[i:i + 1] == "]"  # a leading ] is a literal
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                rest = pattern[i + 1:]
                try:  # both halves must stand alone, else the split was wrong
                    re.compile(pattern[:i + 1])
                    re.compile(rest)
                except re.error:
                    return None
                return rest
        i += 1
    return None


def _class_chars(items) -> set[int] | None:
    """The code points of a parsed character class, None if negated or a category."""
    out: set[int] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(av)
        elif op is _c.RANGE:
            out.update(range(av[0], av[1] + 1))
        else:
            return None
    return out


def _refuses_all(behind, first: str) -> bool:
    """A lookbehind body (one character class) that contains every character of `first`."""
    seq = behind.data if hasattr(behind, "data") else behind
    if len(seq) != 1 or seq[0][0] is not _c.IN:
        return False
    refused = _class_chars(seq[0][1])
    starts = _class_chars(_p.parse(first).data[0][1])
    return refused is not None and starts is not None and starts <= refused


# ------------------------------------------------------------------------- windows
def anchor_windows(text: str, lo: int, hi: int, anchor: re.Pattern, before: int, after: int,
                   widen: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Merged [start, end) ranges of text[lo:hi] reaching `before` characters before and
    `after` characters after every match of `anchor`. With `widen`, a window that starts
    on one of those characters is widened left past them (a window never starts inside a
    figure).

    >>> anchor_windows("ab万cd......万e", 0, 14, re.compile("万"), 1, 1)
    [(1, 4), (10, 13)]
    """
    out: list[list[int]] = []
    for m in anchor.finditer(text, lo, hi):
        a, b = max(lo, m.start() - before), min(hi, m.end() + after)
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            continue
        if widen:
            while a > lo and text[a - 1] in widen:
                a -= 1
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
                continue
        out.append([a, b])
    return [(a, b) for a, b in out]
