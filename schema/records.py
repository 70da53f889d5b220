"""The six tables of a release, one frozen pydantic model per row.

Offsets are half-open code-point offsets into the raw document text, and
`surface == raw_text[start:end]` (checked by extract.validate, which has the text).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

# 1.0.0: the first published layout of the six tables.
SCHEMA_VERSION = "1.0.0"

TABLES = ("documents", "codes", "money", "dates", "targets", "issues")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)


class CodeKind(str, Enum):
    numeric = "numeric"
    numeral_slogan = "numeral_slogan"


class Qualifier(str, Enum):
    exact = "exact"
    over = "over"
    at_least = "at_least"
    about = "about"
    more_than = "more_than"
    up_to = "up_to"
    magnitude = "magnitude"
    range = "range"


class Granularity(str, Enum):
    day = "day"
    month = "month"
    quarter = "quarter"
    year = "year"
    period = "period"


class Comparator(str, Enum):
    eq = "="
    ge = ">="
    gt = ">"
    le = "<="
    about = "~"


class Severity(str, Enum):
    error = "error"
    warning = "warning"


class SpanRecord(_Frozen):
    """Provenance shared by every extracted record."""

    record_id: str = Field(min_length=8, max_length=32)
    doc_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    surface: str = Field(min_length=1)
    rule: str = Field(pattern=r"^[a-z_]+\.[a-z0-9_.]+$")
    sentence: str

    @model_validator(mode="after")
    def _span(self):
        if self.end - self.start != len(self.surface):
            raise ValueError(f"span {self.start}:{self.end} does not fit surface {self.surface!r}")
        if self.surface[0] == "*" or self.surface[-1] == "*":
            raise ValueError("a record never starts or ends on a masked character '*'")
        return self


class DocumentRecord(_Frozen):
    record_id: str
    doc_id: str
    path: str  # relative to the raw directory, with extension
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)
    chars: int = Field(ge=0)
    encoding: str
    title: Optional[str]
    source: Optional[str]
    published: Optional[dt.date]
    reference_date: Optional[dt.date]  # what relative dates were resolved against
    body_start: int = Field(ge=0)
    body_end: int = Field(ge=0)
    region_province: Optional[str]
    region_city: Optional[str]

    @model_validator(mode="after")
    def _body(self):
        if not self.body_start <= self.body_end <= self.chars:
            raise ValueError(f"body {self.body_start}:{self.body_end} outside text of {self.chars} chars")
        return self


class MentionSpan(_Frozen):
    start: int = Field(ge=0)
    end: int = Field(gt=0)


class CodeRecord(SpanRecord):
    """One row per distinct code in a document; start/end/surface are its first mention."""

    code: str = Field(min_length=1)
    kind: CodeKind
    label: Optional[str]
    mentions: int = Field(ge=1)
    mention_spans: list[MentionSpan]
    expansion: Optional[list[str]]
    glossary_name: Optional[str]
    glossary_region: Optional[str]
    glossary_parts: Optional[list[str]]

    @model_validator(mode="after")
    def _mentions(self):
        if self.mentions != len(self.mention_spans):
            raise ValueError("mentions must count mention_spans")
        return self


class MoneyRecord(SpanRecord):
    value: Decimal = Field(ge=0, max_digits=20, decimal_places=2)
    value_max: Optional[Decimal] = Field(default=None, ge=0, max_digits=20, decimal_places=2)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    qualifier: Qualifier
    qualifier_text: Optional[str]  # the qualifier word as written (超, 余 …), outside surface

    @model_validator(mode="after")
    def _range(self):
        if (self.qualifier == Qualifier.range) != (self.value_max is not None):
            raise ValueError("value_max is set exactly when qualifier is range")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max below value")
        return self


class DateRecord(SpanRecord):
    start_date: Optional[dt.date]
    end_date: Optional[dt.date]
    granularity: Granularity
    relative: bool

    @model_validator(mode="after")
    def _dates(self):
        if (self.start_date is None) != (self.end_date is None):
            raise ValueError("start_date and end_date are both set or both null")
        if self.start_date is not None and self.end_date < self.start_date:
            raise ValueError("end_date before start_date")
        if self.start_date is None and not self.relative:
            raise ValueError("an unresolved date must be relative")
        return self


class TargetRecord(SpanRecord):
    subject: Optional[str]
    metric: Optional[str]
    value: Decimal = Field(max_digits=24, decimal_places=4)
    unit: str = Field(min_length=1)
    comparator: Comparator
    deadline: Optional[int] = Field(default=None, ge=1900, le=2200)
    modality: str = Field(min_length=1)
    money_record_id: Optional[str]
    code: Optional[str]


class IssueRecord(_Frozen):
    record_id: str
    doc_id: Optional[str]
    path: Optional[str]
    slug: str = Field(pattern=r"^[a-z0-9-]+$")
    severity: Severity
    message: str
    table: Optional[str]
    start: Optional[int]
    end: Optional[int]
    rule: Optional[str]


_MODELS = {
    "documents": DocumentRecord,
    "codes": CodeRecord,
    "money": MoneyRecord,
    "dates": DateRecord,
    "targets": TargetRecord,
    "issues": IssueRecord,
}


def model_for(table: str) -> type[_Frozen]:
    return _MODELS[table]

