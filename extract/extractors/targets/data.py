"""The targets rule data (extract/rules/targets.yaml), read once into compiled patterns,
word sets and vetoes.

`build(raw)` makes the data from a parsed rule file (validated by schema.rules.TargetsFile)
so that a test can run the extractor on an edited copy; `data()` is the shipped file's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from extract import rulebook, vocab
from extract.extractors.targets.figures import READERS, REQUIRED_GROUPS
from schema.rules import FILE_MODELS, VALUE_KINDS

TABLE = "targets"
ORG_MAX = 20  # the longest organisation name before a speaker's title
VETO_PREFIX = "targets.veto."

_scan = rulebook.compile  # led by a first-character lookahead: same matches, faster scans
_alt = rulebook.alternation


@dataclass(frozen=True, slots=True)
class FigureRule:
    """A rule that finds figures, with the kind of value it reads."""

    rule: rulebook.Rule
    kind: str


class VetoIds(NamedTuple):
    """The id of each veto the reader implements (targets.yaml must define exactly these)."""

    past_marker: str
    past_time: str
    past_heading: str
    past_forecast: str
    period_statistics: str
    indefinite_one: str
    chinese_count_unit: str
    scope_count: str
    scope_list: str
    scope_verb: str
    code_part: str
    quoted_name: str
    qualitative_subject: str
    threshold: str
    grant: str
    per_item: str
    condition: str
    class_label: str
    duration: str


@dataclass(frozen=True)
class VetoData:
    """One veto of targets.yaml: its id, its word lists and compiled patterns, its cases."""

    id: str
    words: dict[str, tuple[str, ...]]
    patterns: dict[str, re.Pattern]
    sources: dict[str, str]  # the patterns, expanded, before compiling
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]


def _figure_rules(raw: dict[str, Any]) -> tuple[tuple[FigureRule, ...], tuple[str, ...]]:
    """The scanned rules with their value kind (checked against the readers), and the ids
    of the rules of kind `money` (figures made from money records, not scanned)."""
    if set(READERS) | {"money"} != set(VALUE_KINDS):
        raise ValueError(f"targets value readers {sorted(READERS)} do not cover {VALUE_KINDS}")
    kinds = {item["id"]: item["value"] for item in raw["rules"]}
    out, money = [], []
    for rule in rulebook.build(TABLE, raw).rules:
        kind = kinds[rule.id]
        if kind == "money":
            money.append(rule.id)
            continue
        missing = [g for g in REQUIRED_GROUPS[kind] if g not in rule.regex.groupindex]
        if missing:
            raise ValueError(f"rule {rule.id}: value kind {kind!r} needs the groups {missing}")
        out.append(FigureRule(rule, kind))
    return tuple(out), tuple(money)


def _vetoes(raw: dict[str, Any]) -> dict[str, VetoData]:
    """The vetoes by reason (the id without `targets.veto.`)."""
    out = {}
    reasons = [v["id"][len(VETO_PREFIX):] for v in raw["vetoes"]]
    if sorted(reasons) != sorted(VetoIds._fields):
        raise ValueError(f"targets.yaml vetoes {sorted(reasons)} differ from the implemented {sorted(VetoIds._fields)}")
    for v in raw["vetoes"]:
        sources = {k: rulebook.expand(p) for k, p in (v.get("patterns") or {}).items()}
        out[v["id"][len(VETO_PREFIX):]] = VetoData(
            v["id"], {k: tuple(ws) for k, ws in (v.get("words") or {}).items()},
            {k: re.compile(p) for k, p in sources.items()}, sources,
            tuple(v["examples"]), tuple(v["counterexamples"]))
    return out


class Data:
    """Everything the reader takes from the rule file, under readable names."""

    def __init__(self, raw: dict[str, Any]):
        FILE_MODELS[TABLE].model_validate(raw)
        self.rules, self.money_rules = _figure_rules(raw)
        self.words = w = {k: v for k, v in raw["words"].items()}
        self.chars = dict(raw["chars"])
        self.vetoes = _vetoes(raw)
        self.ids = VetoIds(**{k: v.id for k, v in self.vetoes.items()})
        p = {k: rulebook.expand(v) for k, v in raw["patterns"].items()}
        self.units = dict(w["targets_units"])
        self.cmp_words = vocab.target_comparators()
        self._reading(w, p)
        self._layout(w, p)
        self._subject(w)
        self._veto_words()

    def veto(self, reason: str) -> VetoData:
        return self.vetoes[reason]

    def _reading(self, w, p) -> None:
        self.modality_rx = _scan(_alt(w["targets_not_modality"]) + "|(?P<m>" + _alt(w["targets_modality"]) + ")")
        self.list_modality = w["targets_list_modality"][0]
        self.to_modality = w["targets_to_modality"][0]
        self.goal_words = tuple(w["targets_goal_words"])
        self.forecast = frozenset(w["targets_forecast"])
        self.cmp_end_rx = _scan("(?:" + _alt(self.cmp_words) + r")\s*$")
        self.classifiers = frozenset(w["targets_count_classifiers"])
        self.cn_units = frozenset(w["targets_cn_units"])
        self.list_heading_rx = _scan(_alt(w["targets_list_heading"]))
        self.past_heading_rx = _scan(_alt(self.veto("past_heading").words["headings"]))
        self.year_rx = _scan(p["year"])
        self.rel_year_rx = re.compile(p["relative_year"])
        self.past_year_rx = re.compile(p["past_year"])
        self.year_digits = str.maketrans({k: str(v) for k, v in vocab.digits().items()})
        self.decimal_point = tuple(w["targets_decimal_point"])
        self.money_unit = w["targets_money_unit"][0]
        self.double_unit = w["targets_double_unit"][0]
        self.scale_chars = "".join(vocab.big_units())
        self.scale_end_rx = re.compile("[" + self.scale_chars + "]+$")
        self.scale_rx = re.compile("[" + self.scale_chars + "]")
        self.arabic_rx = re.compile(p["arabic_digit"])
        self.duration_units = frozenset(w["targets_duration_units"])
        self.list_joiners = frozenset(w["targets_list_joiners"])

    def _layout(self, w, p) -> None:
        self.clause_rx = re.compile(p["clause_separator"])
        self.sent_end_rx = re.compile(p["sentence_end"])
        self.blanks_rx = re.compile(p["blanks"])
        self.gloss_rx = vocab.pinyin_gloss()
        self.enum_head_rx = re.compile(p["enumerated_heading"])
        self.bullet_rx = re.compile(p["bullet"])
        self.piece_rx = re.compile(_alt(w["targets_piece_separator"]))
        self.respectively_rx = re.compile(_alt(w["targets_respectively"]))
        self.trim_leads = tuple(w["targets_trim_leads"])
        self.trim_tails = tuple(w["targets_trim_tails"])
        self.trim = self.chars["trim"]
        self.line_blanks = self.chars["line_blanks"]
        self.list_item_end = self.chars["list_item_end"]
        self.open_quotes, self.close_quotes = self.chars["open_quotes"], self.chars["close_quotes"]
        self.metric_left_rx = re.compile(p["metric_lead"])
        self.metric_right_rx = re.compile(p["metric_verbs"])
        self.after_lead_rx = re.compile(p["metric_after_lead"])
        self.after_tail_rx = re.compile(p["metric_after_tail"])
        self.pair_rx = re.compile(p["metric_pair_separator"])
        self.head_time_rx = re.compile("^" + _alt(w["targets_metric_head_time"]))
        self.time_words_rx = re.compile(_alt(w["targets_metric_time"]))
        self.keeps_time = tuple(w["targets_metric_keeps_time"])
        self.modifier = w["targets_modifier"][0]

    def _veto_words(self) -> None:
        v = self.veto
        self.past_rx = _scan(_alt(v("past_marker").words["markers"]))
        scope = v("scope_count")
        self.scope_after_rx = _scan(scope.sources["between"] + _alt(scope.words["scope"]))
        self.scope_before_rx = _scan(_alt(v("scope_verb").words["verbs"]))
        q = v("qualitative_subject").words
        self.qualitative_rx = _scan(_alt(q["adverbs"]) + _alt(q["verbs"]))
        self.grant_rx = _scan(_alt(v("grant").words["grants"]))
        self.allocation_rx = _scan(_alt(v("grant").words["allocations"]))
        cond = v("condition")
        self.condition_rx = _scan(cond.sources["before"] + _alt(cond.words["openers"]))
        self.per_item_rx = _scan(_alt(v("per_item").words["per_item"]))
        self.close_quote_rx = re.compile("[" + re.escape(self.chars["close_quotes"]) + "]")
        pm = v("past_marker").words
        self.past_bases, self.past_base_before = frozenset(pm["bases"]), frozenset(pm["base_before"])
        self.scope_nouns_after = frozenset(v("scope_verb").words["nouns_after"])
        self.etc_rx = v("scope_list").patterns["etc"]
        self.threshold_rx = v("threshold").patterns["of"]
        self.condition_tail_rx = cond.patterns["tail"]
        self.class_label_rx = v("class_label").patterns["label"]
        self.duration_rx = v("duration").patterns["after"]
        self.period_rx = _scan(v("period_statistics").sources["period"])
        code = v("code_part").patterns
        self.quoted_code_rx, self.code_parts_rx, self.code_is_rx = code["quoted_code"], code["code_parts"], code["code_is"]

    def _subject(self, w) -> None:
        titles = _alt(w["targets_titles"])
        # A speaker match holds a title starting 2 to ORG_MAX characters after the match
        # start: where titles_rx finds none, speaker_rx cannot match (subject.speaker_matches).
        self.titles_rx = _scan(titles)
        # org, title (、 another title)*, a name of 2 to 4 characters, a speech verb
        self.speaker_rx = _scan(
            r"(?P<org>[\u4e00-\u9fffA-Za-z0-9]{2,%d}?)" % ORG_MAX + titles
            + "(?:" + _alt(w["targets_piece_separator"]) + r"[\u4e00-\u9fff]{0,8}?" + titles + r")*"
            r"[\u4e00-\u9fff·]{2,4}" + _alt(w["targets_speech"]))
        self.speech_rx = _scan(_alt(w["targets_speech"]))
        self.self_region_rx = _scan(_alt(w["targets_self_region"]))
        self.country = dict(w["targets_country"])
        regions = list(w["targets_regions"]) + list(self.country)
        self.region_rx = _scan(_alt(regions) + "(?:" + "|".join(w["targets_region_suffix"]) + ")?")
        self.org_rx = _scan(r"(?:[\u4e00-\u9fffA-Za-z0-9]{1,12}?)" + _alt(w["targets_org_suffix"]))
        self.subject_cut = tuple(w["targets_subject_cut"])
        self.pronouns = frozenset(w["targets_pronouns"])
        self.not_region_next_rx = re.compile(_alt(w["targets_not_region_next"]))
        self.region_drop = tuple(w["targets_region_drop"])
        self.party_org_rx = re.compile("(.+?)" + _alt(w["targets_party_org"]))
        self.district = w["targets_district"][0]
        self.level_prefix = tuple(w["targets_level_prefix"])


@lru_cache(maxsize=1)
def data() -> Data:
    return Data(rulebook.load(TABLE).data)
