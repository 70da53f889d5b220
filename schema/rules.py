"""The shape of a rule file (extract/rules/*.yaml), checked when it is loaded."""
from __future__ import annotations

from typing import Any

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


class CommonFile(BaseModel):
    """rules/common.yaml: fragments every rule file may use, and the shared tables."""

    model_config = ConfigDict(extra="forbid")

    fragments: dict[str, str]
    digits: dict[str, int]
    small_units: dict[str, int]
    big_units: dict[str, int]
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


# The model of each rule file; a file without its own model is checked as RuleFileModel.
FILE_MODELS: dict[str, type[BaseModel]] = {"common": CommonFile, "targets": TargetsFile}
