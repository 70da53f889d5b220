"""The models of codes.yaml, regions.yaml and extract/data/company_aliases.csv."""
from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from schema.rules.base import RuleModel, _Strict


# ------------------------------------------------------------------ codes.yaml
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
    why: str = Field(min_length=1)
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
