"""What a comparison of two releases finds: `ReleaseDiff` and its parts, and the
version step a change requires (the version policy, docs/SCHEMA.md).

extract.diff.compare builds it; extract.diff.render shows it as text, Markdown or JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from schema import TABLES, table as registry_table

# Columns that say where a record comes from rather than what it says: shown
# with added/removed examples only as context, compared like any other column.
PROVENANCE = ("record_id", "doc_id", "start", "end", "surface", "rule", "sentence")
BUMPS = ("patch", "minor", "major")  # in rising order
MANIFEST_FIELDS = ("schema_version", "rules_fingerprint", "extractor_version")


def key_of(table: str) -> tuple[str, ...]:
    """The natural key rows of `table` are paired by (schema.registry); record_id for a
    table this version does not know (a release of another schema).

    >>> key_of("codes"), key_of("no_such_table")
    (('doc_id', 'code'), ('record_id',))
    """
    return registry_table(table).key if table in TABLES else ("record_id",)


class DiffError(Exception):
    """Releases that cannot be compared (exit status 2): missing, unreadable, incompatible."""


def bump_rank(part: str | None) -> int:
    """0 for no change, then patch < minor < major.

    >>> [bump_rank(p) for p in (None, "patch", "minor", "major")]
    [0, 1, 2, 3]
    """
    return 0 if part is None else BUMPS.index(part) + 1


# ---------------------------------------------------------------- structure

@dataclass
class SchemaChange:
    table: str
    field: str
    kind: str                 # added | removed | retyped
    old_type: str | None
    new_type: str | None

    def describe(self) -> str:
        if self.kind == "retyped":
            return f"{self.table}.{self.field} retyped {self.old_type} → {self.new_type}"
        return f"{self.table}.{self.field} {self.kind} ({self.old_type or self.new_type})"


@dataclass
class TableDiff:
    table: str
    key: tuple[str, ...]
    old_rows: int = 0
    new_rows: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    fields: dict[str, int] = field(default_factory=dict)     # field -> changed rows, most first
    schema: list[SchemaChange] = field(default_factory=list)
    table_status: str = "both"  # both | added | removed (the table exists in one release only)
    notes: list[str] = field(default_factory=list)
    # examples (all of them when compare(limit=None)); rows as {column: value}
    added_rows: list[dict] = field(default_factory=list)
    removed_rows: list[dict] = field(default_factory=list)
    changed_rows: list[dict] = field(default_factory=list)  # {"key": {...}, "fields": {f: [old, new]}}
    truncated: bool = False

    @property
    def differs(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.schema or self.table_status != "both")


@dataclass
class InputChange:
    path: str
    old_sha256: str
    new_sha256: str


@dataclass
class ManifestDiff:
    inputs_added: list[str] = field(default_factory=list)
    inputs_removed: list[str] = field(default_factory=list)
    inputs_changed: list[InputChange] = field(default_factory=list)
    values: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # only those that differ

    @property
    def differs(self) -> bool:
        return bool(self.inputs_added or self.inputs_removed or self.inputs_changed or self.values)


@dataclass
class ReleaseDiff:
    old_label: str
    new_label: str
    old_path: str
    new_path: str
    tables: dict[str, TableDiff]
    manifest: ManifestDiff | None

    @property
    def tables_differ(self) -> bool:
        return any(t.differs for t in self.tables.values())

    @property
    def same(self) -> bool:
        return not self.tables_differ and not (self.manifest and self.manifest.differs)

    def required_bump(self) -> tuple[str | None, list[str]]:
        """The version part the change requires, and why (None: tables equal).

        MAJOR: a field (or table) removed, renamed (= removed + added) or retyped.
        MINOR: a field or table added; documents added or removed.
        PATCH: records added, removed or changed (rules, or a corrected input).
        """
        major, minor, patch = [], [], []
        for t in self.tables.values():
            if t.table_status == "removed":
                major.append(f"table {t.table} removed")
            elif t.table_status == "added":
                minor.append(f"table {t.table} added")
            for s in t.schema:
                (minor if s.kind == "added" else major).append(f"field {s.describe()}")
        docs = self.tables.get("documents")
        if docs is not None and docs.table_status == "both":
            if docs.added:
                minor.append(f"{_n(docs.added, 'document')} added")
            if docs.removed:
                minor.append(f"{_n(docs.removed, 'document')} removed")
        for t in self.tables.values():
            if t.table_status == "both" and (t.added or t.removed or t.changed):
                parts = [f"{n} {w}" for n, w in ((t.added, "added"), (t.removed, "removed"),
                                                  (t.changed, "changed")) if n]
                patch.append(f"{t.table}: {', '.join(parts)}")
        for part, reasons in (("major", major), ("minor", minor), ("patch", patch)):
            if reasons:
                return part, reasons
        return None, []


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
