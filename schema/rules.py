"""The shape of a rule file (extract/rules/*.yaml), checked when it is loaded."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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


# The model of each rule file; a file without its own model is checked as RuleFileModel.
FILE_MODELS: dict[str, type[BaseModel]] = {"common": CommonFile}
