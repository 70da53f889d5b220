"""Show a ReleaseDiff: `render_text` for the terminal, `summary_lines` for the terminal,
the dataset card and the changelog, `to_json` for machines (every change compare kept)."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from extract.diff.model import MANIFEST_FIELDS, PROVENANCE, ReleaseDiff


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
