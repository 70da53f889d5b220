"""Record models of the extract dataset: the contract users load.

Field names and values follow the annotation guideline (GUIDELINES.md). Every
model is frozen; closed vocabularies are `str` enums whose values are the
guideline's words. This package imports pydantic only, so it stays cheap.

Changing a field's name, type or meaning is a schema change: bump SCHEMA_VERSION
(major for removed/renamed/retyped fields, minor for added ones).
"""
from schema.records import (  # noqa: F401
    SCHEMA_VERSION,
    TABLES,
    CodeKind,
    CodeRecord,
    Comparator,
    DateRecord,
    DocumentRecord,
    Granularity,
    IssueRecord,
    MentionSpan,
    MoneyRecord,
    Qualifier,
    Severity,
    TargetRecord,
    model_for,
)
from schema.manifest import InputFile, Manifest, TableStats  # noqa: F401
