"""Compare two releases: `compare(old, new) -> ReleaseDiff`.

Records are paired by each table's natural key (schema.registry: documents by doc_id;
codes by doc_id + code; money, dates, targets by doc_id + start + end; issues by
record_id) with one keyed FULL OUTER JOIN per table, run by DuckDB straight over the
Parquet files, so memory and time stay flat in the number of rows (the differences,
not the tables, are what reaches Python).

Every column that both releases have is compared as a typed value (`IS DISTINCT
FROM`: decimals exactly, dates as dates, lists and structs element by element);
nothing is ignored as noise. `record_id` of a span record is a hash of its key, so it
only changes when the key scheme changes (which users who stored ids must hear
about); `sentence` only changes when the document's text or the sentence splitter
changes, both real changes. A column whose type changed is compared as typed values
where DuckDB can cast between the two types, else by its text form.

A release is a directory holding `<table>.parquet` files and `manifest.json` (the
build compares its staged directory, manifest included, before publishing it).

One table is compared in phases, each a function: open both sides (`_open`), the
schema changes (`_schema_changes`), the keyed join and its counts (`_count`), then the
differing rows themselves (`_examples`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from extract import naming
from extract.diff.model import (DiffError, InputChange, ManifestDiff, MANIFEST_FIELDS, ReleaseDiff, SchemaChange,
                                TableDiff, key_of)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_manifest(release: Path) -> dict | None:
    p = naming.manifest_path(release)
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffError(f"cannot read {p}: {exc}") from None


def _table_names(manifest: dict | None, release: Path) -> list[str]:
    if manifest is not None and isinstance(manifest.get("tables"), dict):
        return list(manifest["tables"])
    return naming.parquet_tables(release)


def _schema(path: Path) -> dict[str, str]:
    import pyarrow.parquet as pq
    try:
        return {f.name: str(f.type) for f in pq.read_schema(path)}
    except Exception as exc:  # noqa: BLE001 - any unreadable file is "trouble"
        raise DiffError(f"cannot read {path}: {exc}") from None


def compare_manifests(old: dict | None, new: dict | None) -> ManifestDiff | None:
    if old is None or new is None:
        return None
    md = ManifestDiff()
    o_in = {i["path"]: i["sha256"] for i in old.get("inputs", [])}
    n_in = {i["path"]: i["sha256"] for i in new.get("inputs", [])}
    md.inputs_added = sorted(set(n_in) - set(o_in))
    md.inputs_removed = sorted(set(o_in) - set(n_in))
    md.inputs_changed = [InputChange(p, o_in[p], n_in[p]) for p in sorted(set(o_in) & set(n_in))
                         if o_in[p] != n_in[p]]
    for k in MANIFEST_FIELDS:
        if old.get(k) != new.get(k):
            md.values[k] = (old.get(k), new.get(k))
    return md


def compare(old: Path, new: Path, *, tables: list[str] | None = None, limit: int | None = 10,
            old_label: str | None = None, new_label: str | None = None) -> ReleaseDiff:
    """Compare release directories `old` and `new`.

    `limit`: examples kept per kind (added, removed, changed) per table; None keeps
    every change. `tables`: only these tables (the manifest is then not compared).
    """
    import duckdb

    old, new = Path(old), Path(new)
    for p in (old, new):
        if not p.is_dir():
            raise DiffError(f"release not found: {p}")
    o_man, n_man = _read_manifest(old), _read_manifest(new)
    o_tables, n_tables = _table_names(o_man, old), _table_names(n_man, new)
    names = [t for t in o_tables if t in n_tables] + [t for t in n_tables if t not in o_tables] \
        + [t for t in o_tables if t not in n_tables]
    if tables is not None:
        unknown = [t for t in tables if t not in names]
        if unknown:
            raise DiffError(f"no table {', '.join(unknown)} in either release (tables: {', '.join(names)})")
        names = [t for t in names if t in tables]
    con = duckdb.connect()
    try:
        out = {}
        for t in names:
            out[t] = _compare_table(con, t, old if t in o_tables else None, new if t in n_tables else None, limit)
    except duckdb.Error as exc:
        raise DiffError(f"cannot compare: {exc}") from None
    finally:
        con.close()
    manifest = compare_manifests(o_man, n_man) if tables is None else None
    return ReleaseDiff(old_label or (o_man or {}).get("dataset_version") or str(old),
                       new_label or (n_man or {}).get("dataset_version") or str(new),
                       str(old), str(new), out, manifest)


# ---------------------------------------------------------------- one table, in phases

@dataclass
class _Sides:
    """The two sides of one table: column → type of each (as the Parquet files declare
    them), as DuckDB views o_t and n_t. A table one release lacks is an empty copy of the
    other side's, with `status` saying which."""

    old: dict[str, str]
    new: dict[str, str]
    status: str = "both"  # both | added | removed


@dataclass
class _Join:
    """The keyed join of o_t and n_t: its key, and per compared column the SQL that is
    true when the column differs between the paired rows."""

    key: tuple[str, ...]
    differs: dict[str, str]

    @property
    def any_differs(self) -> str:
        return " OR ".join(f"({e})" for e in self.differs.values()) or "false"

    @property
    def source(self) -> str:
        on = " AND ".join(f"o.{_q(k)} = n.{_q(k)}" for k in self.key)
        return (f"FROM (SELECT *, true AS __o FROM o_t) o FULL OUTER JOIN "
                f"(SELECT *, true AS __n FROM n_t) n ON {on}")


_BOTH = "o.__o AND n.__n"


def _compare_table(con, table: str, old: Path | None, new: Path | None, limit: int | None) -> TableDiff:
    td = TableDiff(table, key_of(table))
    sides = _open(con, table, old, new)
    td.table_status = sides.status
    td.schema = _schema_changes(table, sides)
    _check_key(table, td.key, sides)
    join = _count(con, td, sides)
    if not (td.added or td.removed or td.changed) or limit == 0:
        td.truncated = bool(td.added or td.removed or td.changed)
        return td
    _examples(con, td, sides, join, limit)
    return td


def _view(con, name: str, release: Path, table: str) -> dict[str, str]:
    path = naming.table_path(release, table, "parquet")
    if not path.is_file():
        raise DiffError(f"missing file: {path}")
    schema = _schema(path)
    try:
        con.read_parquet(str(path)).create_view(name)
    except Exception as exc:  # noqa: BLE001
        raise DiffError(f"cannot read {path}: {exc}") from None
    return schema


def _open(con, table: str, old: Path | None, new: Path | None) -> _Sides:
    """Views o_t and n_t of the table in both releases (an empty copy for a missing side)."""
    o_schema = _view(con, "o_t", old, table) if old is not None else None
    n_schema = _view(con, "n_t", new, table) if new is not None else None
    if o_schema is None:
        con.execute("CREATE OR REPLACE TEMP VIEW o_t AS SELECT * FROM n_t WHERE false")
        return _Sides(n_schema, n_schema, "added")
    if n_schema is None:
        con.execute("CREATE OR REPLACE TEMP VIEW n_t AS SELECT * FROM o_t WHERE false")
        return _Sides(o_schema, o_schema, "removed")
    return _Sides(o_schema, n_schema)


def _schema_changes(table: str, sides: _Sides) -> list[SchemaChange]:
    """Fields removed, retyped and added between the two sides (none for a one-sided table)."""
    if sides.status != "both":
        return []
    o, n = sides.old, sides.new
    out = []
    for f, ty in o.items():
        if f not in n:
            out.append(SchemaChange(table, f, "removed", ty, None))
        elif n[f] != ty:
            out.append(SchemaChange(table, f, "retyped", ty, n[f]))
    return out + [SchemaChange(table, f, "added", None, ty) for f, ty in n.items() if f not in o]


def _check_key(table: str, key: tuple[str, ...], sides: _Sides) -> None:
    missing = [k for k in key if k not in sides.old or k not in sides.new]
    if missing:
        raise DiffError(f"cannot compare table {table}: key column(s) {', '.join(missing)} missing")
    for k in key:
        if sides.old[k] != sides.new[k]:
            raise DiffError(f"cannot compare table {table}: key column {k} is {sides.old[k]} in one "
                            f"release and {sides.new[k]} in the other")


def _differs(con, column: str, sides: _Sides) -> str:
    """SQL that is true when `column` differs between paired rows: typed values, or the
    text form when the column was retyped to a type DuckDB cannot compare with the old one."""
    typed = f"o.{_q(column)} IS DISTINCT FROM n.{_q(column)}"
    if sides.old[column] != sides.new[column]:
        try:
            con.execute(f"SELECT {typed} FROM o_t o, n_t n LIMIT 0").fetchall()
        except Exception:  # noqa: BLE001 - types DuckDB cannot compare: use the text form
            return f"CAST(o.{_q(column)} AS VARCHAR) IS DISTINCT FROM CAST(n.{_q(column)} AS VARCHAR)"
    return typed


def _count(con, td: TableDiff, sides: _Sides) -> _Join:
    """Row counts, added / removed / changed / unchanged and changes per field, into `td`.

    A natural key twice in one release (an extractor bug) that the other release also has
    multiplies rows in the join: then the rows are paired by natural key + record_id, and
    `td.notes` says so."""
    rows_o = con.execute("SELECT count(*) FROM o_t").fetchall()[0][0]  # Parquet metadata: no scan
    rows_n = con.execute("SELECT count(*) FROM n_t").fetchall()[0][0]
    common = [c for c in sides.new if c in sides.old]
    while True:
        join = _Join(td.key, {c: _differs(con, c, sides) for c in common if c not in td.key})
        per_field = "".join(f", count(*) FILTER (WHERE {_BOTH} AND ({e}))" for e in join.differs.values())
        row = con.execute(
            f"SELECT count(*) FILTER (WHERE o.__o), count(*) FILTER (WHERE n.__n), "
            f"count(*) FILTER (WHERE o.__o IS NULL), count(*) FILTER (WHERE n.__n IS NULL), "
            f"count(*) FILTER (WHERE {_BOTH} AND ({join.any_differs})), count(*) FILTER (WHERE {_BOTH})"
            f"{per_field} {join.source}").fetchall()[0]
        if (row[0], row[1]) == (rows_o, rows_n) or "record_id" in td.key \
                or "record_id" not in sides.old or "record_id" not in sides.new:
            break
        td.notes.append(f"a key ({' + '.join(td.key)}) occurs more than once in a release: records paired by "
                        "key + record_id")
        td.key = td.key + ("record_id",)
    td.old_rows, td.new_rows, td.added, td.removed, td.changed, matched = rows_o, rows_n, *row[2:6]
    td.unchanged = matched - td.changed
    compared = list(join.differs)
    counts = {c: n for c, n in zip(compared, row[6:]) if n}
    td.fields = dict(sorted(counts.items(), key=lambda kv: (-kv[1], compared.index(kv[0]))))
    return join


def _examples(con, td: TableDiff, sides: _Sides, join: _Join, limit: int | None) -> None:
    """The differing rows themselves, at most `limit` of each kind, in key order, into `td`."""
    o_cols, n_cols = list(sides.old), list(sides.new)
    status = "CASE WHEN o.__o IS NULL THEN 'added' WHEN n.__n IS NULL THEN 'removed' ELSE 'changed' END"
    flags = "".join(f", ({e}) AS __d{i}" for i, e in enumerate(join.differs.values()))
    sel = ", ".join([f"o.{_q(c)} AS __o{i}" for i, c in enumerate(o_cols)]
                    + [f"n.{_q(c)} AS __n{i}" for i, c in enumerate(n_cols)])
    order = ", ".join(f"coalesce(o.{_q(k)}, n.{_q(k)})" for k in join.key)
    qualify = (f" QUALIFY row_number() OVER (PARTITION BY {status} ORDER BY {order}) <= {int(limit)}"
               if limit is not None else "")
    cur = con.execute(f"SELECT {status} AS __s, {sel}{flags} {join.source} "
                      f"WHERE o.__o IS NULL OR n.__n IS NULL OR ({join.any_differs}){qualify} ORDER BY __s, {order}")
    no, nn, fields = len(o_cols), len(n_cols), list(join.differs)
    while batch := cur.fetchmany(10000):
        for r in batch:
            o_row, n_row = dict(zip(o_cols, r[1:1 + no])), dict(zip(n_cols, r[1 + no:1 + no + nn]))
            flagged = r[1 + no + nn:]
            if r[0] == "added":
                td.added_rows.append(n_row)
            elif r[0] == "removed":
                td.removed_rows.append(o_row)
            else:
                td.changed_rows.append({"key": {k: n_row[k] for k in join.key},
                                        "fields": {f: [o_row[f], n_row[f]] for f, flag in zip(fields, flagged) if flag}})
    td.truncated = (len(td.added_rows) < td.added or len(td.removed_rows) < td.removed
                    or len(td.changed_rows) < td.changed)


# ---------------------------------------------------------------- finding releases

def resolve(arg: str, out_dir: Path) -> Path:
    """A release given as a version in out_dir or as a directory path."""
    p = naming.release_dir(out_dir, arg)
    if naming.VERSION_RE.match(arg) and p.is_dir():
        return p
    q = Path(arg)
    if q.is_dir() and naming.manifest_path(q).is_file():
        return q
    raise DiffError(f"release {arg} not found in {out_dir}"
                    + (f" (releases: {', '.join(naming.releases(out_dir))})" if naming.releases(out_dir) else ""))


def default_pair(out_dir: Path, old: str | None, new: str | None) -> tuple[Path, Path]:
    """OLD and NEW as given; missing ones are the newest releases in out_dir."""
    if old is not None and new is not None:
        return resolve(old, out_dir), resolve(new, out_dir)
    existing = naming.releases(out_dir)
    if old is not None:  # one given: compare it with the newest
        if not existing:
            raise DiffError(f"no releases in {out_dir}")
        return resolve(old, out_dir), naming.release_dir(out_dir, existing[-1])
    if len(existing) < 2:
        raise DiffError(f"need two releases in {out_dir} to compare, found {len(existing)}"
                        + (f" ({existing[0]})" if existing else ""))
    return naming.release_dir(out_dir, existing[-2]), naming.release_dir(out_dir, existing[-1])
