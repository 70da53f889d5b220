"""The tables of rules/money.yaml (typed by schema.rules.MoneyFile) and the shared ones of
common.yaml (extract.vocab), compiled once: word maps, qualifier words, patterns, vetoes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extract import rulebook, vocab
from extract.extractors import Veto
from extract.numerals import BIG_UNITS, DIGITS, SMALL_UNITS
from extract.spans import Span
from schema.rules import MoneyFile

TABLE = "money"
# The vetoes this extractor returns, by reason (money.veto.<reason> in money.yaml).
VETOES = ("class_label", "bare_scale", "no_money_context", "magnitude_label", "grade", "magnitude_mark",
          "bare_digits", "phone_number", "currency_mismatch", "progression", "reversed_range", "vague_bound")
_SPACES = r"[ \u00a0\u3000]*"


class VetoRule(NamedTuple):
    id: str
    hides: bool


@dataclass(frozen=True)
class MoneyData:
    currency: dict[str, str]          # currency word → ISO 4217
    symbol: dict[str, str]            # currency symbol → ISO 4217
    prefix: dict[str, str]            # qualifier words (common.yaml) → qualifier, by position
    suffix: dict[str, str]
    guards: dict[str, frozenset[str]]
    bare_only: frozenset[str]
    threshold: frozenset[str]
    t2s: dict[int, int]
    gloss: re.Pattern
    prefix_rx: re.Pattern
    suffix_rx: re.Pattern
    class_rx: re.Pattern
    money_noun_rx: re.Pattern
    bare_verb_rx: re.Pattern
    context_rx: re.Pattern
    context_veto_rx: re.Pattern
    mag_verb_rx: re.Pattern
    mag_follow_rx: re.Pattern
    progression_rx: re.Pattern
    phone_rx: re.Pattern
    bare_digits_rx: re.Pattern
    clause_end: str
    grade_mark: str
    figure_chars: frozenset[str]
    scale_chars: str                  # 十 百 千 万 亿 in every form
    big_scale_chars: str              # 万 亿
    ten_chars: frozenset[str]         # the units worth 10 (十 拾)
    head_scale_rx: re.Pattern         # a figure's head and its scale characters
    head_big_scale_rx: re.Pattern     # a figure's head and its 万/亿 characters
    digits: dict[str, int]
    adjacent_rx: re.Pattern
    adjacent_pairs: frozenset[tuple[int, int]]
    anchor: re.Pattern
    before: int
    after: int
    vetoes: dict[str, VetoRule]  # by reason
    kinds: dict[str, str]        # rule id → how resolve reads its groups (amount, range …)


@lru_cache(maxsize=None)
def book() -> rulebook.RuleFile:
    return rulebook.load(TABLE)


def _translation(src: str, dst: str) -> dict[int, int]:
    if len(src) != len(dst):
        raise ValueError("money.yaml t2s: 'from' and 'to' differ in length")
    return str.maketrans(src, dst)


def _pattern(p: str) -> re.Pattern:
    return rulebook.compile(rulebook.expand(p))


@lru_cache(maxsize=None)
def data() -> MoneyData:
    f = MoneyFile.model_validate(book().data)
    vetoes = {v.id.rsplit(".", 1)[1]: VetoRule(v.id, v.hides) for v in f.vetoes}
    if set(vetoes) != set(VETOES):
        raise ValueError(f"money.yaml vetoes {sorted(vetoes)} are not those the extractor returns {sorted(VETOES)}")
    p, scale = f.patterns, "".join(SMALL_UNITS) + "".join(BIG_UNITS)
    prefix, before = vocab.money_qualifiers("prefix"), rulebook.expand("{money_before_figure}")
    adjacent = re.escape(f.adjacent_range.digits)
    return MoneyData(
        currency=dict(f.words.money_currency), symbol=dict(f.words.money_symbol),
        prefix=prefix, suffix=vocab.money_qualifiers("suffix"),
        guards={k: frozenset(v) for k, v in f.prefix_guards.items()},
        bare_only=frozenset(f.prefix_bare_only), threshold=frozenset(f.threshold_qualifiers),
        t2s=_translation(f.t2s.from_, f.t2s.to), gloss=vocab.pinyin_gloss(),
        prefix_rx=rulebook.compile("(" + rulebook.alternation(prefix) + ")" + before),
        suffix_rx=rulebook.compile("^" + _SPACES + "(" + rulebook.alternation(vocab.money_qualifiers("suffix")) + ")"),
        class_rx=_pattern(p.class_head), money_noun_rx=_pattern(p.money_noun_after),
        bare_verb_rx=_pattern(p.bare_scale_verb), context_rx=_pattern(p.context_noun),
        context_veto_rx=_pattern(p.context_not_money), mag_verb_rx=_pattern(p.magnitude_verb),
        mag_follow_rx=_pattern(p.magnitude_follower), progression_rx=_pattern(p.progression),
        phone_rx=re.compile(rulebook.expand(p.phone_number)), bare_digits_rx=re.compile(rulebook.expand(p.bare_digits)),
        clause_end=f.chars.clause_end, grade_mark=f.chars.grade_mark, figure_chars=frozenset(f.chars.figure),
        scale_chars=scale, big_scale_chars="".join(BIG_UNITS),
        ten_chars=frozenset(k for k, v in SMALL_UNITS.items() if v == 10),
        head_scale_rx=re.compile(f"^(.+?)([{scale}]*)$"), head_big_scale_rx=re.compile(f"^(.+?)([{''.join(BIG_UNITS)}]*)$"),
        digits=DIGITS,
        adjacent_rx=re.compile(f"^([{adjacent}])([{adjacent}])([{re.escape(scale)}]+)$"),
        adjacent_pairs=frozenset(tuple(x) for x in f.adjacent_range.pairs),
        anchor=re.compile(f.anchor), before=f.window.before, after=f.window.after, vetoes=vetoes,
        kinds={r.id: r.value for r in f.rules})


def veto(reason: str, span: Span) -> Veto:
    """The Veto `money.veto.<reason>` of a span."""
    rule = data().vetoes[reason]
    return Veto(rule.id, span.start, span.end, hides=rule.hides)
