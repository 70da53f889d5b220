"""rules/common.yaml: the shared tables (digits, units, full-width and traditional maps, comparison words)."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


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
