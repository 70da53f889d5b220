"""The models of targets.yaml, money.yaml and dates.yaml."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schema.rules.base import RuleModel
from schema.rules.common import _Translation


# The kinds of value a targets rule reads (extract/extractors/targets/figures.py has one
# reader per kind): count (number + unit), percent (5%), percent_cn (百分之五), fraction
# (三分之一), double (翻一番), magnitude (突破万亿元), money (a money record, not scanned).
VALUE_KINDS = ("count", "percent", "percent_cn", "fraction", "double", "magnitude", "money")


class _TargetRule(RuleModel):
    model_config = ConfigDict(extra="forbid")

    value: str

    @model_validator(mode="after")
    def _kind(self):
        if self.value not in VALUE_KINDS:
            raise ValueError(f"rule {self.id}: unknown value kind {self.value!r} (known: {', '.join(VALUE_KINDS)})")
        return self


class _TargetVeto(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^targets\.veto\.[a-z_]+$")
    why: str = Field(min_length=1)
    words: dict[str, list[str]] = Field(default_factory=dict)
    patterns: dict[str, str] = Field(default_factory=dict)
    examples: list[str] = Field(min_length=1)         # texts where the veto refuses a figure
    counterexamples: list[str] = Field(min_length=1)  # texts where the same figure is a target


class TargetsFile(BaseModel):
    """rules/targets.yaml: figure rules with their value kind, word lists, the reader's
    patterns and character sets, and the vetoes."""

    model_config = ConfigDict(extra="forbid")

    fragments: dict[str, str]
    words: dict[str, list[str] | dict[str, str]]
    patterns: dict[str, str]
    chars: dict[str, str]
    vetoes: list[_TargetVeto]
    rules: list[_TargetRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self):
        for what, ids in (("veto", [v.id for v in self.vetoes]), ("rule", [r.id for r in self.rules])):
            twice = sorted({i for i in ids if ids.count(i) > 1})
            if twice:
                raise ValueError(f"{what} ids defined twice: {', '.join(twice)}")
        return self



# ------------------------------------------------------------- money.yaml, dates.yaml
class _Rule(RuleModel):
    """A rule of money.yaml or dates.yaml: nothing beside its id, pattern and cases."""

    model_config = ConfigDict(extra="forbid")


class _Veto(BaseModel):
    """Why resolve refuses a found span: the id is the rule of the Veto it returns; the
    examples are texts where it refuses a span, the counterexamples texts where the same
    kind of span is kept (a test runs both through find and resolve)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z]+\.veto\.[a-z_]+$")
    why: str = Field(min_length=1)
    hides: bool = False  # the veto also removes every candidate it overlaps
    examples: list[str] = Field(min_length=1)
    counterexamples: list[str] = Field(min_length=1)


def _check_vetoes(file: str, vetoes: list[_Veto]) -> None:
    ids = [v.id for v in vetoes]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{file}.yaml: a veto id is defined twice")
    wrong = [i for i in ids if not i.startswith(f"{file}.veto.")]
    if wrong:
        raise ValueError(f"{file}.yaml: veto ids must start with {file}.veto.: {wrong}")


Qualifier = Literal["exact", "over", "at_least", "about", "more_than", "up_to", "range", "magnitude"]


class _MoneyRule(_Rule):
    value: Literal["amount", "range", "bare", "magnitude"]  # how resolve reads the groups


class _MoneyWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    money_currency: dict[str, str]  # word after the figure → ISO 4217
    money_symbol: dict[str, str]    # symbol before the figure → ISO 4217
    money_bare_followers: list[str]
    money_class_nouns: list[str]
    money_class_money_heads: list[str]
    money_context_nouns: list[str]
    money_context_vetoes: list[str]
    money_bare_scale_verbs: list[str]
    money_magnitude_verbs: list[str]
    money_magnitude_followers: list[str]
    money_nouns: list[str]
    money_range_progression: list[str]

    @model_validator(mode="after")
    def _iso(self):
        for code in list(self.money_currency.values()) + list(self.money_symbol.values()):
            if len(code) != 3 or not code.isupper():
                raise ValueError(f"money.yaml: {code!r} is not an ISO 4217 code")
        return self


class _MoneyPatterns(BaseModel):
    model_config = ConfigDict(extra="forbid")

    class_head: str
    money_noun_after: str
    bare_scale_verb: str
    context_noun: str
    context_not_money: str
    magnitude_verb: str
    magnitude_follower: str
    progression: str
    phone_number: str
    bare_digits: str


class _MoneyChars(BaseModel):
    model_config = ConfigDict(extra="forbid")

    clause_end: str = Field(min_length=1)
    grade_mark: str = Field(min_length=1, max_length=1)
    figure: str = Field(min_length=1)


class _AdjacentRange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    digits: str = Field(min_length=2)
    pairs: list[tuple[int, int]]  # pairs of digits that are a range without being neighbours


class _Window(BaseModel):
    model_config = ConfigDict(extra="forbid")

    before: int = Field(ge=0)
    after: int = Field(ge=0)


class MoneyFile(BaseModel):
    """rules/money.yaml: the money rules, their word lists and patterns, and the vetoes."""

    model_config = ConfigDict(extra="forbid")

    fragments: dict[str, str]
    words: _MoneyWords
    prefix_guards: dict[str, str]  # one-character prefix word → characters that make it part of another word
    prefix_bare_only: list[str]
    threshold_qualifiers: list[Qualifier]
    patterns: _MoneyPatterns
    chars: _MoneyChars
    adjacent_range: _AdjacentRange
    t2s: _Translation  # the shadow's traditional → simplified map
    anchor: str
    window: _Window
    vetoes: list[_Veto]
    rules: list[_MoneyRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self):
        _check_vetoes("money", self.vetoes)
        return self


class _DatesWords(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dates_fyp: dict[str, tuple[int, int]]  # plan name → first and last year
    dates_fyp_bare: list[str]
    dates_fyp_context: list[str]


class _RelYear(BaseModel):
    model_config = ConfigDict(extra="forbid")

    offset: int
    anchorable: bool = False   # counts from a year named earlier in the sentence
    anchor_only: bool = False  # … and means nothing without one


class _Years(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min: int
    max: int


_Bounds = tuple[int, int]  # first and last month (or day)


class DatesFile(BaseModel):
    """rules/dates.yaml: the date rules, the tables their groups resolve through, and the vetoes."""

    model_config = ConfigDict(extra="forbid")

    fragments: dict[str, str]
    words: _DatesWords
    anchor: str
    anchor_margin: int = Field(ge=0)
    years: _Years
    number_words: dict[str, int]
    rel_years: dict[str, _RelYear]
    rel_months: dict[str, int]
    year_parts: dict[str, _Bounds]
    ten_days: dict[str, _Bounds]
    half_years: dict[str, _Bounds]
    vetoes: list[_Veto]
    rules: list[_Rule] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self):
        _check_vetoes("dates", self.vetoes)
        return self
