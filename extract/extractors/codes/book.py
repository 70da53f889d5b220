"""extract/rules/codes.yaml, loaded once into typed values (the shared tables come from
extract.vocab), and the per-document memo the codes steps share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from extract import rulebook, vocab
from extract.extractors.codes.vetoes import Vetoes
from extract.rulebook import Rule
from extract.scanning import Scanner

TABLE = "codes"


@dataclass(frozen=True, slots=True)
class Detector:
    """A `role: detect` rule: its scanner, whether it reads a pair of quotes around the
    code, and whether the label is the phrase before the code (`label: before`)."""

    rule: Rule
    scanner: Scanner
    quoted: bool
    label_before: bool


@dataclass(frozen=True, slots=True)
class Book:
    """Everything the codes steps read from the rule files, compiled."""

    detectors: tuple[Detector, ...]
    label_before_rules: frozenset[str]
    vetoes: Vetoes
    pairs: dict[str, str]           # opening quote -> the closing quotes it accepts
    opens: str                      # every opening quote
    closes: str                     # every closing quote
    quotes: str                     # every quote (stripped from a surface)
    fullwidth: dict[int, int]       # str.translate table (extract.vocab)
    pinyin: re.Pattern              # a pinyin gloss glued to a word (extract.vocab)
    counts: dict[str, int]          # numeral of a count -> its value (三 → 3, 双 → 2)
    # labels
    label_run: re.Pattern
    label_lead: re.Pattern
    label_plan_tail: re.Pattern
    noun_reversed: re.Pattern       # the system nouns, each reversed (the last noun of a run)
    label_verbs: re.Pattern
    # mentions
    numeric_token: Scanner
    quantity_after: re.Pattern
    # expansions
    item: re.Pattern
    quoted_part: Scanner
    definition: Scanner
    openers: re.Pattern
    namely: re.Pattern
    counted: re.Pattern
    headed: re.Pattern
    paren_list: re.Pattern
    namely_list: re.Pattern
    list_before: re.Pattern
    item_split: re.Pattern
    clause_split: re.Pattern
    slogan_part: re.Pattern
    definition_tail_split: re.Pattern
    item_trailing: str
    enumeration_end: str
    gap_max: int
    gap_breaks: tuple[str, ...]


@dataclass(slots=True)
class DocMemo:
    """What the codes steps work out once per document (kept in the extractor's DocCache)."""

    runs: dict = field(default_factory=dict)        # Scanner run starts, shared by scanners
    labels: dict = field(default_factory=dict)      # position -> the label after it
    sentence_starts: list[int] | None = None
    definitions: dict[str, str] | None = None       # “P”是指… of the body, on first use


def _pattern(data: dict, name: str) -> re.Pattern:
    return re.compile(rulebook.expand(data["patterns"][name]["pattern"]))


def _detectors(rf) -> tuple[Detector, ...]:
    return tuple(Detector(r, r.scanner, "open" in r.regex.groupindex, r.meta.get("label") == "before")
                 for r in rf.rules if r.meta.get("role") == "detect")


@lru_cache(maxsize=1)
def book() -> Book:
    rf = rulebook.load(TABLE)
    data = rf.data
    pairs = {k: str(v) for k, v in data["quote_pairs"].items()}
    closes = "".join(sorted(set("".join(pairs.values()))))
    detectors = _detectors(rf)
    expansion = data["expansion"]
    return Book(
        detectors=detectors,
        label_before_rules=frozenset(d.rule.id for d in detectors if d.label_before),
        vetoes=Vetoes.from_data(data["vetoes"]),
        pairs=pairs, opens="".join(pairs), closes=closes, quotes="".join(pairs) + closes,
        fullwidth=vocab.fullwidth(), pinyin=vocab.pinyin_gloss(),
        counts={**vocab.digits(), **vocab.small_units(), **data["pair_numerals"]},
        label_run=rulebook.compile(rulebook.expand(data["patterns"]["label_run"]["pattern"])),
        label_lead=_pattern(data, "label_lead"),
        label_plan_tail=_pattern(data, "label_plan_tail"),
        noun_reversed=rulebook.compile(rulebook.alternation(w[::-1] for w in rf.words["codes_system_noun"])),
        label_verbs=re.compile(rulebook.alternation(data["label_verbs"])),
        numeric_token=Scanner(rulebook.expand(data["patterns"]["numeric_token"]["pattern"])),
        quantity_after=rulebook.compile(rulebook.expand(data["patterns"]["quantity_after"]["pattern"])),
        item=rf.rule("codes.part_item").regex,
        quoted_part=rf.rule("codes.part_quoted").scanner,
        definition=rf.rule("codes.part_definition").scanner,
        openers=rulebook.compile("^" + rulebook.alternation(data["item_openers"])),
        namely=_pattern(data, "namely"),
        counted=_pattern(data, "counted"),
        headed=_pattern(data, "headed"),
        paren_list=_pattern(data, "paren_list"),
        namely_list=_pattern(data, "namely_list"),
        list_before=_pattern(data, "list_before"),
        item_split=_pattern(data, "item_split"),
        clause_split=_pattern(data, "clause_split"),
        slogan_part=_pattern(data, "slogan_part"),
        definition_tail_split=_pattern(data, "definition_tail_split"),
        item_trailing=expansion["item_trailing"],
        enumeration_end=expansion["enumeration_end"],
        gap_max=expansion["part_gap"]["max_chars"],
        gap_breaks=tuple(expansion["part_gap"]["breaks"]),
    )
