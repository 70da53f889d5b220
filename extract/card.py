"""The dataset card (README.md of a release): what each table and field means,
how to load it, what this build scored.

Nothing here describes a field: the descriptions are the docstrings of the record
models (schema.records), the types their `column(...)` declarations, the tables
schema.registry, the issue slugs extract.issues. `render_fields` turns them into the
Markdown field tables the card and the project README share; regenerate the README's
copy with `python -m extract.card --write README.md` (a test checks it is current).
"""
from __future__ import annotations

import argparse
import sys
import typing
from enum import Enum
from pathlib import Path

from extract import naming
from extract.issues import CATALOGUE
from schema import REGISTRY, SCORED, Manifest
from schema.columns import arrow_type

README_BEGIN = "<!-- fields: generated from schema/ by `python -m extract.card --write README.md` -->"
README_END = "<!-- /fields -->"


# ---------------------------------------------------------------- field tables

def _vocabulary(annotation) -> type[Enum] | None:
    for a in (annotation, *typing.get_args(annotation)):
        if isinstance(a, type) and issubclass(a, Enum):
            return a
    return None


def _cell(text: str) -> str:
    """Text for one Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def field_rows(model) -> list[tuple[str, str, str]]:
    """(field, type, meaning) of every field of a model, in column order; a closed
    vocabulary's values follow its type."""
    out = []
    for name, info in model.model_fields.items():
        typ = f"`{arrow_type(info)}`"
        vocab = _vocabulary(info.annotation)
        if vocab is not None:
            typ += ": " + ", ".join(f"`{m.value}`" for m in vocab)
        out.append((name, typ, _cell(info.description or "")))
    return out


def render_fields(heading: str = "###") -> str:
    """Markdown: per table its description and field table, then the issue slugs."""
    out = []
    for t in REGISTRY:
        out += [f"{heading} `{t.name}`", "", f"{t.doc[:1].upper()}{t.doc[1:]}.", "",
                "| field | type | meaning |", "|---|---|---|"]
        out += [f"| `{n}` | {typ} | {doc} |" for n, typ, doc in field_rows(t.model)]
        out.append("")
    out += [f"{heading} Issues", "", "The `slug` of an issue says what went wrong:", "",
            "| slug | severity | meaning |", "|---|---|---|"]
    out += [f"| `{k.slug}` | {k.severity.value} | {_cell(k.about)} |" for k in CATALOGUE.values()]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the card

def render_card(manifest: Manifest, extra: str = "", changes: tuple[str | None, str] | None = None) -> str:
    """The card; `changes` = (previous version or None, markdown summary of the diff against it)."""
    out = _head(manifest)
    if extra:
        out += [extra.rstrip(), ""]
    if changes is not None:
        out += _changes(manifest.dataset_version, *changes)
    out += _quality(manifest) + _loading(manifest.dataset_version) + ["## Fields", "", render_fields()]
    return "\n".join(out)


def _head(manifest: Manifest) -> list[str]:
    v = manifest.dataset_version
    out = [f"# extract dataset {v}", "",
           "Structured records from Chinese policy and economic news: initiative codes, money, dates and "
           "targets, each with its provenance (document, character offsets, rule).", "",
           f"- dataset version: {v}", f"- schema version: {manifest.schema_version}",
           f"- extractor version: {manifest.extractor_version}",
           f"- rules fingerprint: `{manifest.rules_fingerprint[:16]}`",
           f"- inputs: {len(manifest.inputs)} files "
           f"({sum(1 for i in manifest.inputs if i.status != 'ok')} skipped)", "",
           "## Tables", "", "| table | rows | what it holds |", "|---|---|---|"]
    out += [f"| `{t.name}` | {manifest.tables[t.name].rows} | {t.doc} |" for t in REGISTRY]
    return out + ["", "Each table is `<table>.parquet` (zstd) and `<table>.jsonl` (one object per line, same "
                  "columns). `manifest.json` lists inputs and files with sha256; `SHA256SUMS` is checkable "
                  "with `sha256sum -c SHA256SUMS`.", ""]


def _changes(version: str, previous: str | None, summary: str) -> list[str]:
    out = [f"## Changes since {previous}" if previous else "## Changes", "", summary.rstrip(), ""]
    if previous:
        out += [f"Every change, record by record: `python -m extract diff {previous} {version}` "
                "(`--json` for a machine-readable list).", ""]
    return out


def _quality(manifest: Manifest) -> list[str]:
    out = ["## Quality", ""]
    s = manifest.scores
    if s:
        out += [f"Scored against {s['documents']} hand-annotated documents (precision / recall / F1, "
                "matching as in the annotation guideline). The rules were developed with these "
                "annotations in view: read the scores as a regression check, not as an estimate for "
                "unseen text.", "",
                "| type | P | R | F1 | tp | predicted | gold |", "|---|---|---|---|---|---|---|"]
        out += [f"| {t} | {s[t]['precision']:.3f} | {s[t]['recall']:.3f} | {s[t]['f1']:.3f} | {s[t]['tp']} | "
                f"{s[t]['predicted']} | {s[t]['gold']} |" for t in SCORED]
    else:
        out.append("No gold annotations matched the documents of this build, so no scores.")
    if manifest.issue_counts:
        out += ["", "Issues: " + ", ".join(f"{k} {n}" for k, n in manifest.issue_counts.items()) + "."]
    return out


def _shown(version: str, table: str) -> str:
    """How the card's examples name a table file: as seen from the releases' parent directory."""
    return naming.table_path(naming.release_dir(naming.OUT_DIR, version), table, "parquet").as_posix()


def _loading(v: str) -> list[str]:
    return ["", "## Loading", "", "```python", "import pandas as pd",
            f'money = pd.read_parquet("{_shown(v, "money")}", dtype_backend="pyarrow")',
            "money.groupby(\"currency\")[\"value\"].sum()  # exact decimals", "```", "",
            "```sql", "-- duckdb",
            f"SELECT d.title, c.code, c.label, c.glossary_name FROM '{_shown(v, 'codes')}' c",
            f"JOIN '{_shown(v, 'documents')}' d USING (doc_id) ORDER BY c.code;", "```", "",
            "Use `dtype_backend=\"pyarrow\"` with pandas: otherwise nullable integers become floats.", ""]


# ---------------------------------------------------------------- the project README

def readme_with_fields(readme: str) -> str:
    """`readme` with the block between README_BEGIN and README_END replaced by render_fields()."""
    if README_BEGIN not in readme or README_END not in readme:
        raise ValueError(f"no {README_BEGIN!r} … {README_END!r} block to fill")
    before, rest = readme.split(README_BEGIN, 1)
    _, after = rest.split(README_END, 1)
    return f"{before}{README_BEGIN}\n\n{render_fields('###')}\n{README_END}{after}"


def main(argv: list[str] | None = None) -> int:
    """Check (or, with --write, rewrite) the field tables of a README."""
    ap = argparse.ArgumentParser(prog="python -m extract.card", description=main.__doc__)
    ap.add_argument("readme", type=Path)
    ap.add_argument("--write", action="store_true", help="rewrite the block in place (default: only check)")
    args = ap.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    new = readme_with_fields(text)
    if new == text:
        print(f"{args.readme}: field tables are current")
        return 0
    if args.write:
        args.readme.write_text(new, encoding="utf-8")
        print(f"{args.readme}: field tables rewritten")
        return 0
    print(f"{args.readme}: field tables are out of date; run python -m extract.card --write {args.readme}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
