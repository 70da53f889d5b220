"""Compare two releases: `compare(old, new) -> ReleaseDiff`, then render it.

Records are paired by a natural key per table (documents: doc_id; codes:
doc_id + code; money, dates, targets: doc_id + start + end; issues: record_id)
with one keyed FULL OUTER JOIN per table, run by DuckDB straight over the
Parquet files, so memory and time stay flat in the number of rows (the
differences, not the tables, are what reaches Python).

Every column that both releases have is compared as a typed value
(`IS DISTINCT FROM`: decimals exactly, dates as dates, lists and structs
element by element); nothing is ignored as noise. `record_id` of a span record
is a hash of its key, so it only changes when the key scheme changes (which
users who stored ids must hear about); `sentence` only changes when the
document's text or the sentence splitter changes, both real changes. A column
whose type changed is compared as typed values where DuckDB can cast between
the two types, else by its text form.

A release is a directory holding `<table>.parquet` files and (for published
releases) `manifest.json`. The build compares a staged directory without a
manifest by passing `new_manifest`.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from extract import naming

KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "codes": ("doc_id", "code"),
    "money": ("doc_id", "start", "end"),
    "dates": ("doc_id", "start", "end"),
    "targets": ("doc_id", "start", "end"),
    "issues": ("record_id",),
}
# Columns that say where a record comes from rather than what it says: shown
# with added/removed examples only as context, compared like any other column.
PROVENANCE = ("record_id", "doc_id", "start", "end", "surface", "rule", "sentence")
BUMPS = ("patch", "minor", "major")  # in rising order
MANIFEST_FIELDS = ("schema_version", "rules_fingerprint", "extractor_version")


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


# ---------------------------------------------------------------- comparing

def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_manifest(release: Path) -> dict | None:
    p = release / naming.MANIFEST
    if not p.is_file():
        return None
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffError(f"cannot read {p}: {exc}") from None


def _table_names(manifest: dict | None, release: Path) -> list[str]:
    if manifest is not None and isinstance(manifest.get("tables"), dict):
        return list(manifest["tables"])
    return [p.name[: -len(".parquet")] for p in sorted(release.glob("*.parquet"))]


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
            new_manifest: dict | None = None, old_label: str | None = None,
            new_label: str | None = None) -> ReleaseDiff:
    """Compare release directories `old` and `new`.

    `limit`: examples kept per kind (added, removed, changed) per table; None keeps
    every change. `tables`: only these tables (the manifest is then not compared).
    `new_manifest`: the manifest of `new` when it has no manifest.json yet.
    """
    import duckdb

    old, new = Path(old), Path(new)
    for p in (old, new):
        if not p.is_dir():
            raise DiffError(f"release not found: {p}")
    o_man = _read_manifest(old)
    n_man = new_manifest if new_manifest is not None else _read_manifest(new)
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


def _view(con, name: str, release: Path, table: str) -> dict[str, str]:
    path = release / f"{table}.parquet"
    if not path.is_file():
        raise DiffError(f"missing file: {path}")
    schema = _schema(path)
    try:
        con.read_parquet(str(path)).create_view(name)
    except Exception as exc:  # noqa: BLE001
        raise DiffError(f"cannot read {path}: {exc}") from None
    return schema


def _compare_table(con, table: str, old: Path | None, new: Path | None, limit: int | None) -> TableDiff:
    key = KEYS.get(table, ("record_id",))
    td = TableDiff(table, key)
    if old is not None:
        o_schema = _view(con, "o_t", old, table)
    if new is not None:
        n_schema = _view(con, "n_t", new, table)
    if old is None:  # a table only one release has: compare against an empty copy of it
        con.execute("CREATE OR REPLACE TEMP VIEW o_t AS SELECT * FROM n_t WHERE false")
        o_schema, td.table_status = {}, "added"
    if new is None:
        con.execute("CREATE OR REPLACE TEMP VIEW n_t AS SELECT * FROM o_t WHERE false")
        n_schema, td.table_status = {}, "removed"
    if td.table_status == "both":
        for f, ty in o_schema.items():
            if f not in n_schema:
                td.schema.append(SchemaChange(table, f, "removed", ty, None))
            elif n_schema[f] != ty:
                td.schema.append(SchemaChange(table, f, "retyped", ty, n_schema[f]))
        td.schema += [SchemaChange(table, f, "added", None, ty) for f, ty in n_schema.items() if f not in o_schema]
    if td.table_status == "added":
        o_schema = n_schema
    if td.table_status == "removed":
        n_schema = o_schema
    missing = [k for k in key if k not in o_schema or k not in n_schema]
    if missing:
        raise DiffError(f"cannot compare table {table}: key column(s) {', '.join(missing)} missing")
    for k in key:
        if o_schema[k] != n_schema[k]:
            raise DiffError(f"cannot compare table {table}: key column {k} is {o_schema[k]} in one "
                            f"release and {n_schema[k]} in the other")
    rows_o = con.execute("SELECT count(*) FROM o_t").fetchall()[0][0]  # Parquet metadata: no scan
    rows_n = con.execute("SELECT count(*) FROM n_t").fetchall()[0][0]
    common = [c for c in n_schema if c in o_schema]
    while True:
        compared = [c for c in common if c not in key]
        diff_of = {}
        for c in compared:
            typed = f"o.{_q(c)} IS DISTINCT FROM n.{_q(c)}"
            if o_schema[c] != n_schema[c]:
                try:
                    con.execute(f"SELECT {typed} FROM o_t o, n_t n LIMIT 0").fetchall()
                except Exception:  # noqa: BLE001 - types DuckDB cannot compare: use the text form
                    typed = f"CAST(o.{_q(c)} AS VARCHAR) IS DISTINCT FROM CAST(n.{_q(c)} AS VARCHAR)"
            diff_of[c] = typed
        any_diff = " OR ".join(f"({e})" for e in diff_of.values()) or "false"
        on = " AND ".join(f"o.{_q(k)} = n.{_q(k)}" for k in key)
        join = f"FROM (SELECT *, true AS __o FROM o_t) o FULL OUTER JOIN (SELECT *, true AS __n FROM n_t) n ON {on}"
        both = "o.__o AND n.__n"
        per_field = "".join(f", count(*) FILTER (WHERE {both} AND ({e}))" for e in diff_of.values())
        row = con.execute(
            f"SELECT count(*) FILTER (WHERE o.__o), count(*) FILTER (WHERE n.__n), "
            f"count(*) FILTER (WHERE o.__o IS NULL), count(*) FILTER (WHERE n.__n IS NULL), "
            f"count(*) FILTER (WHERE {both} AND ({any_diff})), count(*) FILTER (WHERE {both}){per_field} {join}"
        ).fetchall()[0]
        # A natural key twice in one release (an extractor bug) that the other release also has
        # multiplies rows in the join: then pair by natural key + record_id, and say so.
        if (row[0], row[1]) == (rows_o, rows_n) or "record_id" in key \
                or "record_id" not in o_schema or "record_id" not in n_schema:
            break
        td.notes.append(f"a key ({' + '.join(key)}) occurs more than once in a release: records paired by "
                        "key + record_id")
        key = td.key = key + ("record_id",)
    td.old_rows, td.new_rows, td.added, td.removed, td.changed, matched = rows_o, rows_n, *row[2:6]
    td.unchanged = matched - td.changed
    counts = {c: n for c, n in zip(diff_of, row[6:]) if n}
    td.fields = dict(sorted(counts.items(), key=lambda kv: (-kv[1], compared.index(kv[0]))))
    if not (td.added or td.removed or td.changed) or limit == 0:
        td.truncated = bool(td.added or td.removed or td.changed)
        return td
    # The differing rows themselves, at most `limit` of each kind, in key order.
    o_cols, n_cols = list(o_schema), list(n_schema)
    status = (f"CASE WHEN o.__o IS NULL THEN 'added' WHEN n.__n IS NULL THEN 'removed' ELSE 'changed' END")
    flags = "".join(f", ({e}) AS __d{i}" for i, e in enumerate(diff_of.values()))
    sel = ", ".join([f"o.{_q(c)} AS __o{i}" for i, c in enumerate(o_cols)]
                    + [f"n.{_q(c)} AS __n{i}" for i, c in enumerate(n_cols)])
    order = ", ".join(f"coalesce(o.{_q(k)}, n.{_q(k)})" for k in key)
    qualify = (f" QUALIFY row_number() OVER (PARTITION BY {status} ORDER BY {order}) <= {int(limit)}"
               if limit is not None else "")
    sql = (f"SELECT {status} AS __s, {sel}{flags} {join} "
           f"WHERE o.__o IS NULL OR n.__n IS NULL OR ({any_diff}){qualify} ORDER BY __s, {order}")
    cur = con.execute(sql)
    no, nn = len(o_cols), len(n_cols)
    fields = list(diff_of)
    while True:
        batch = cur.fetchmany(10000)
        if not batch:
            break
        for r in batch:
            s = r[0]
            o_vals, n_vals, d = r[1:1 + no], r[1 + no:1 + no + nn], r[1 + no + nn:]
            if s == "added":
                td.added_rows.append(dict(zip(n_cols, n_vals)))
            elif s == "removed":
                td.removed_rows.append(dict(zip(o_cols, o_vals)))
            else:
                o_row, n_row = dict(zip(o_cols, o_vals)), dict(zip(n_cols, n_vals))
                td.changed_rows.append({"key": {k: n_row[k] for k in key},
                                        "fields": {f: [o_row[f], n_row[f]] for f, flag in zip(fields, d) if flag}})
    td.truncated = (len(td.added_rows) < td.added or len(td.removed_rows) < td.removed
                    or len(td.changed_rows) < td.changed)
    return td


# ---------------------------------------------------------------- finding releases

def resolve(arg: str, out_dir: Path) -> Path:
    """A release given as a version in out_dir or as a directory path."""
    p = naming.release_dir(out_dir, arg)
    if naming.VERSION_RE.match(arg) and p.is_dir():
        return p
    q = Path(arg)
    if q.is_dir() and (q / naming.MANIFEST).is_file():
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


# ---------------------------------------------------------------- rendering

def _jv(v) -> str:
    """A value as exact JSON text (decimals as numbers, dates as ISO strings)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return str(int(v))
        return format(v.normalize(), "f")
    if isinstance(v, (dt.date, dt.datetime)):
        return json.dumps(v.isoformat())
    if isinstance(v, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{_jv(x)}" for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ",".join(_jv(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def to_json(d: ReleaseDiff) -> str:
    """One JSON document with every change compare() kept."""
    bump, reasons = d.required_bump()
    doc = {
        "old": {"version": d.old_label, "path": d.old_path},
        "new": {"version": d.new_label, "path": d.new_path},
        "same": d.same,
        "bump": bump,
        "reasons": reasons,
        "manifest": None if d.manifest is None else {
            "inputs": {"added": d.manifest.inputs_added, "removed": d.manifest.inputs_removed,
                       "changed": [vars(c) for c in d.manifest.inputs_changed]},
            **{k: ({"old": d.manifest.values[k][0], "new": d.manifest.values[k][1]}
                   if k in d.manifest.values else None) for k in MANIFEST_FIELDS},
        },
        "tables": {t.table: {
            "key": list(t.key), "status": t.table_status,
            "old_rows": t.old_rows, "new_rows": t.new_rows, "added": t.added, "removed": t.removed,
            "changed": t.changed, "unchanged": t.unchanged, "fields": t.fields,
            "schema": [vars(s) for s in t.schema], "notes": t.notes, "truncated": t.truncated,
            "changes": {
                "added": t.added_rows, "removed": t.removed_rows,
                "changed": [{"key": c["key"], "fields": {f: {"old": o, "new": n} for f, (o, n) in c["fields"].items()}}
                            for c in t.changed_rows],
            },
        } for t in d.tables.values()},
    }
    return _jv(doc) + "\n"


def _short(v, width: int = 60) -> str:
    s = _jv(v)
    return s if len(s) <= width else s[: width - 1] + "…"


def _key_text(row: dict, key) -> str:
    """doc_id start:end for span keys, else the key values joined."""
    if "start" in key and "end" in key:
        rest = [str(row[k]) for k in key if k not in ("start", "end")]
        return " ".join(rest + [f"{row['start']}:{row['end']}"])
    return " ".join(str(row[k]) for k in key)


def _row_text(row: dict, key) -> str:
    shown = [k for k in ("surface", "title", "slug", "message") if k in row and k not in key]
    rest = [k for k in row if k not in PROVENANCE and k not in key and k not in shown
            and k not in ("path", "sha256", "bytes", "chars", "encoding", "body_start", "body_end")]
    bits = [_short(row[k], 40) for k in shown[:1]]
    bits += [f"{k}={_short(row[k], 30)}" for k in rest if row[k] is not None][:6]
    return " ".join(bits)


def summary_lines(d: ReleaseDiff, markdown: bool = False) -> list[str]:
    """The summary both the terminal, the dataset card and the changelog show."""
    bump, reasons = d.required_bump()
    out = []
    if bump is None:
        out.append("No change in any table.")
    else:
        out.append(f"Version change required: **{bump}** ({'; '.join(reasons[:5])}"
                   f"{'; …' if len(reasons) > 5 else ''})." if markdown else
                   f"version change required: {bump} ({'; '.join(reasons[:5])}{'; …' if len(reasons) > 5 else ''})")
    out.append("")
    head = ("table", "old", "new", "added", "removed", "changed", "unchanged")
    rows = [(t.table + ("" if t.table_status == "both" else f" ({t.table_status})"), t.old_rows, t.new_rows,
             t.added, t.removed, t.changed, t.unchanged) for t in d.tables.values()]
    if markdown:
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * len(head))
        out += ["| " + " | ".join(str(x) for x in r) + " |" for r in rows]
    else:
        widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)]
        fmt = lambda r: "  ".join(str(x).ljust(w) if i == 0 else str(x).rjust(w)  # noqa: E731
                                  for i, (x, w) in enumerate(zip(r, widths)))
        out.append(fmt(head))
        out += [fmt(r) for r in rows]
    changed_fields = [f"{t.table}.{f} {n}" for t in d.tables.values() for f, n in t.fields.items()]
    if changed_fields:
        out += ["", ("Fields changed (rows): " if markdown else "fields changed (rows): ") + ", ".join(changed_fields)]
    schema = [s.describe() for t in d.tables.values() for s in t.schema]
    if schema:
        out += ["", ("Schema: " if markdown else "schema: ") + "; ".join(schema)]
    notes = [f"{t.table}: {n}" for t in d.tables.values() for n in t.notes]
    if notes:
        out += ["", ("Notes: " if markdown else "notes: ") + "; ".join(notes)]
    m = d.manifest
    if m is not None and m.differs:
        out.append("")
        def names(xs):
            return ", ".join(f"`{x}`" if markdown else x for x in xs[:10]) + (f" and {len(xs) - 10} more" if len(xs) > 10 else "")
        bits = []
        if m.inputs_added:
            bits.append(f"{len(m.inputs_added)} added ({names(m.inputs_added)})")
        if m.inputs_removed:
            bits.append(f"{len(m.inputs_removed)} removed ({names(m.inputs_removed)})")
        if m.inputs_changed:
            bits.append(f"{len(m.inputs_changed)} changed ({names([c.path for c in m.inputs_changed])})")
        if bits:
            out.append(("Inputs: " if markdown else "inputs: ") + "; ".join(bits))
        for k, (o, n) in m.values.items():
            label = k.replace("_", " ")
            if k == "rules_fingerprint":
                o, n = (o or "")[:16], (n or "")[:16]
            out.append(f"{label.capitalize() if markdown else label}: {o} → {n}")
    return out


def render_text(d: ReleaseDiff, limit: int | None = 10) -> str:
    out = [f"diff {d.old_label} → {d.new_label}  ({d.old_path} → {d.new_path})", ""]
    out += summary_lines(d)
    if d.manifest is not None and d.manifest.inputs_changed:
        out.append("")
        out += [f"  ~ {c.path}  {c.old_sha256[:12]} → {c.new_sha256[:12]}" for c in d.manifest.inputs_changed[:limit]]
    for t in d.tables.values():
        if not (t.added_rows or t.removed_rows or t.changed_rows):
            continue
        out += ["", f"{t.table} (key: {' + '.join(t.key)})"]
        for kind, rows, sign in (("added", t.added_rows, "+"), ("removed", t.removed_rows, "-")):
            shown = rows[:limit] if limit is not None else rows
            for r in shown:
                out.append(f"  {sign} {_key_text(r, t.key)}  {_row_text(r, t.key)}".rstrip())
            n = getattr(t, kind)
            if n > len(shown):
                out.append(f"  … {n - len(shown)} more {kind}")
        shown = t.changed_rows[:limit] if limit is not None else t.changed_rows
        for c in shown:
            out.append(f"  ~ {_key_text(c['key'], t.key)}")
            for f, (o, n) in c["fields"].items():
                out.append(f"      {f}: {_short(o)} → {_short(n)}")
        if t.changed > len(shown):
            out.append(f"  … {t.changed - len(shown)} more changed")
    if d.same:
        out += ["", "releases are the same"]
    return "\n".join(out) + "\n"
