"""Record models of the extract dataset: the contract users load.

Field names and values follow the annotation guideline (GUIDELINES.md). Every
model is frozen; closed vocabularies are `str` enums whose values are the
guideline's words. The tables are listed once, in schema.registry. This package
imports pydantic only, so it stays cheap.

Changing a field's name, type or meaning is a schema change: bump SCHEMA_VERSION
(major for removed/renamed/retyped fields, minor for added ones; docs/SCHEMA.md).
"""
from schema.records import (  # noqa: F401
    SCHEMA_VERSION,
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
)
from schema.registry import EXTRACTED, REGISTRY, SCORED, TABLES, Table, model_for, table  # noqa: F401
from schema.manifest import InputFile, Manifest, TableStats  # noqa: F401
