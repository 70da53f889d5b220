"""The shape of a rule file (extract/rules/*.yaml), checked when it is loaded: the base
models every file shares."""
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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
