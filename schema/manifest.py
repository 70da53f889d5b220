"""The manifest of a release: what went in, what came out, with checksums."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputFile(_Frozen):
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    status: str  # "ok" or the slug of the problem that made the build skip it


class TableStats(_Frozen):
    rows: int = Field(ge=0)
    files: dict[str, "FileStats"]


class FileStats(_Frozen):
    bytes: int = Field(ge=0)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class Manifest(_Frozen):
    dataset_version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    schema_version: str
    extractor_version: str
    rules_fingerprint: str
    inputs: list[InputFile]
    tables: dict[str, TableStats]
    issue_counts: dict[str, int]
    scores: dict[str, Any] | None = None  # gold scores of this build, when gold matched


TableStats.model_rebuild()
