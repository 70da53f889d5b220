"""The shape of a rule file (extract/rules/*.yaml), checked when it is loaded."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class RuleModel(BaseModel):
    model_config = ConfigDict(extra="allow")  # extractors may attach their own keys (qualifier, unit …)

    id: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_.]+$")
    pattern: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    counterexamples: list[str] = Field(default_factory=list)


class RuleFileModel(BaseModel):
    model_config = ConfigDict(extra="allow")  # extractor-specific tables live beside the rules

    fragments: dict[str, str] = Field(default_factory=dict)
    words: dict[str, Any] = Field(default_factory=dict)
    rules: list[RuleModel] = Field(default_factory=list)


class _Translation(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: str = Field(alias="from", min_length=1)
    to: str = Field(min_length=1)


class _ComparisonWord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    money_prefix: str | None = None
    money_suffix: str | None = None
    money_infix: str | None = None
    target: str | None = Field(default=None, pattern=r"^(=|>=|>|<=|~)$")


class _NumeralStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    digits: str = Field(min_length=10, max_length=10)  # 0 … 9
    units: str = Field(min_length=5, max_length=5)     # 十 百 千 万 亿


class _Numerals(BaseModel):
    """common.yaml `numerals`: what extract.numerals reads besides the digit and unit tables."""

    model_config = ConfigDict(extra="forbid")

    decimal_points: str = Field(min_length=1)
    fraction_digits: str = Field(min_length=10)
    styles: dict[str, _NumeralStyle]
    liang: str = Field(min_length=1, max_length=1)


class CommonFile(BaseModel):
    """rules/common.yaml: fragments every rule file may use, and the shared tables."""

    model_config = ConfigDict(extra="forbid")

    fragments: dict[str, str]
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
    numerals: _Numerals
    fullwidth: _Translation
    t2s: _Translation
    comparison_words: dict[str, _ComparisonWord]


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


# ------------------------------------------------------------------ codes.yaml
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CodeRule(RuleModel):
    """A rule of codes.yaml: `detect` rules find codes, `expansion` rules find parts."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["detect", "expansion"]
    # where a detected code's label is read: the system noun phrase after it, or the
    # words between the clause's verb and the code (实施科技兴赣六大行动)
    label: Literal["after", "before"] = "after"


class _DigitCount(_Strict):
    min: int | None = Field(default=None, ge=1)
    max: int | None = Field(default=None, ge=1)


class _DotGroups(_Strict):
    parts: int = Field(ge=2)   # most dot-separated groups a code may have
    digits: int = Field(ge=1)  # most digits of one group


class _MonthDay(_Strict):
    months: tuple[int, int]
    days: tuple[int, int]


class VetoCheck(_Strict):
    """A shape test of extract/extractors/codes/vetoes.py with its limits: exactly one is set."""

    leading_zero: Literal[True] | None = None
    digits: _DigitCount | None = None
    year: tuple[int, int] | None = None
    dot_groups: _DotGroups | None = None
    month_day: _MonthDay | None = None
    chinese_number: Literal[True] | None = None

    @model_validator(mode="after")
    def _one(self):
        if len(self.model_fields_set) != 1:
            raise ValueError("a veto check names exactly one test")
        return self

    @property
    def name(self) -> str:
        (name,) = self.model_fields_set
        return name


NUMERIC_CHECKS = frozenset({"leading_zero", "digits", "year", "dot_groups", "month_day"})


class CodeVeto(_Strict):
    """One family of "not a code" decisions (codes.yaml `vetoes`)."""

    id: str = Field(pattern=r"^codes\.veto\.[a-z_]+$")
    kind: Literal["numeric", "numeral_slogan"]
    words: list[str] = Field(default_factory=list)
    prefixes: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    numbers: list[str] = Field(default_factory=list)
    check: VetoCheck | None = None
    unless_label: bool = False
    examples: list[str] = Field(min_length=1)
    counterexamples: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _tests_fit_the_kind(self):
        numeric = self.kind == "numeric"
        if numeric and (self.words or self.prefixes or self.patterns):
            raise ValueError(f"{self.id}: a numeric veto tests numbers or a check, not words or patterns")
        if not numeric and self.numbers:
            raise ValueError(f"{self.id}: `numbers` is for numeric vetoes")
        if self.check is not None and (self.check.name in NUMERIC_CHECKS) != numeric:
            raise ValueError(f"{self.id}: check {self.check.name!r} does not judge {self.kind} codes")
        if not (self.words or self.prefixes or self.patterns or self.numbers or self.check):
            raise ValueError(f"{self.id}: a veto needs a test")
        return self


class HelperPattern(_Strict):
    """A pattern the label or expansion step uses (it finds no record by itself)."""

    pattern: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)


class GlossaryRegions(_Strict):
    """How extract/data/initiatives.csv writes a row's region (GLOSSARY.md, Columns)."""

    national: str                  # a national row (全国): agrees with every document
    company_suffix: str            # a company row ends with it: 华为(企业)
    groups: dict[str, list[str]]   # a region naming several provinces, by its prefix
    place: str                     # regex: the city or county a town row starts with


class _PartGap(_Strict):
    max_chars: int = Field(ge=1)
    breaks: list[str] = Field(min_length=1)


class _Expansion(_Strict):
    item_trailing: str
    enumeration_end: str = Field(min_length=1, max_length=1)
    part_gap: _PartGap


class CodesFile(_Strict):
    """rules/codes.yaml: detection rules, vetoes, label and expansion vocabulary."""

    fragments: dict[str, str]
    words: dict[str, list[str]]
    vetoes: list[CodeVeto]
    quote_pairs: dict[str, str]
    label_verbs: list[str]
    item_openers: list[str]
    pair_numerals: dict[str, int]
    patterns: dict[str, HelperPattern]
    expansion: _Expansion
    glossary: GlossaryRegions
    rules: list[CodeRule]

    @model_validator(mode="after")
    def _unique_veto_ids(self):
        ids = [v.id for v in self.vetoes]
        if len(ids) != len(set(ids)):
            raise ValueError("codes.yaml: a veto id is used twice")
        return self


# ------------------------------------------------------------------ regions.yaml
class _Dateline(_Strict):
    pattern: str = Field(min_length=1)
    examples: list[str] = Field(min_length=1)
    counterexamples: list[str] = Field(default_factory=list)


class RegionsFile(_Strict):
    """rules/regions.yaml: the place names and outlets region detection weighs."""

    words: dict[str, list[str]]
    provinces: dict[str, list[str]]
    traditional: dict[str, list[str]]
    municipalities: list[str]
    cities: dict[str, tuple[str, str]]       # city -> (province, short name)
    areas: dict[str, tuple[str, str]]        # district, new area -> (province, short name)
    cities_traditional: dict[str, str]       # traditional city name -> simplified
    short_name_suffixes: list[str]           # dropped from a traditional city name (蘇州市 → 蘇州)
    outlets: dict[str, str]                  # outlet -> province
    national_outlets: list[str]
    ambiguous: list[str]
    dateline: _Dateline

    @model_validator(mode="after")
    def _provinces_are_known(self):
        known = set(self.provinces)
        named = [*self.traditional, *self.municipalities, *self.outlets.values(),
                 *(p for p, _ in self.cities.values()), *(p for p, _ in self.areas.values())]
        unknown = sorted(set(named) - known)
        if unknown:
            raise ValueError(f"regions.yaml: not a province of `provinces`: {unknown}")
        return self


# ------------------------------------------------------------------ extract/data/company_aliases.csv
class CompanyAlias(_Strict):
    """A row of extract/data/company_aliases.csv: a name that counts as naming a company of
    a glossary company row (`华为(企业)`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    company: str = Field(min_length=1)  # the CSV's region without the company suffix
    alias: str = Field(min_length=1)
    source: str = Field(min_length=1)   # a URL, or where in initiatives.csv the name is given


# The model of each rule file; a file without its own model is checked as RuleFileModel.
FILE_MODELS: dict[str, type[BaseModel]] = {
    "common": CommonFile,
    "codes": CodesFile,
    "regions": RegionsFile,
    "targets": TargetsFile,
    "money": MoneyFile,
    "dates": DatesFile,
}
