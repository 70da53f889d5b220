"""The dataset card (README.md of a release): what each table and field means,
how to load it, what this build scored. Field descriptions live here, once; a
test checks that every model field has one."""
from __future__ import annotations

from schema import TABLES, Manifest

_SPAN = {
    "record_id": "stable key: short hash of (doc_id, table, start, end); a value fix keeps it",
    "doc_id": "the raw file's path relative to raw/, without extension",
    "start": "first character of the surface: code-point offset into the raw text",
    "end": "one past the last character (half-open): raw_text[start:end] == surface",
    "surface": "the text as written (qualifier words and quotes left out)",
    "rule": "id of the rule that produced the record (see extract/rules/*.yaml)",
    "sentence": "the sentence the record sits in",
}

TABLE_DOCS = {
    "documents": "one row per document read: title, outlet, publication date, content hash, article body range",
    "codes": "initiative codes (33618, 4+5+M+N, 六区一高地): one row per distinct code per document",
    "money": "monetary amounts as an exact number, a currency and a qualifier",
    "dates": "calendar points and periods as ISO date ranges with a granularity",
    "targets": "quantified commitments: who, which metric, value, unit, comparator, deadline",
    "issues": "what the build could not use: skipped files and rejected records, with the reason",
}

FIELD_DOCS: dict[str, dict[str, str]] = {
    "documents": {
        "record_id": "stable key of the document row",
        "doc_id": "the raw file's path relative to raw/, without extension",
        "path": "the raw file's path relative to raw/",
        "sha256": "sha256 of the file's bytes (a corrected file shows as changed)",
        "bytes": "size of the file in bytes",
        "chars": "length of the decoded text in characters",
        "encoding": "how the bytes were decoded (utf-8)",
        "title": "the page headline, or null",
        "source": "the outlet named in the header, dateline or byline, or null",
        "published": "publication date from the page header, or null",
        "reference_date": "the date relative dates were resolved against (published, else the latest "
                          "day- or month-precise date in the body), or null",
        "body_start": "first character of the article body (navigation and headline excluded)",
        "body_end": "end of the article body (comments, related reading, footers excluded)",
        "region_province": "province-level region the document is about, or null",
        "region_city": "city the document is about, where clear, or null",
    },
    "codes": {**_SPAN,
        "start": "start of the code's first mention in the body",
        "end": "end of the code's first mention",
        "surface": "the first mention as written, without quotes",
        "code": "the code normalised: ASCII digits and operators, quotes and inner spaces removed",
        "kind": "numeric | numeral_slogan",
        "label": "the system noun phrase the code names (现代制造业集群体系), or null",
        "mentions": "how many times the code occurs in the body",
        "mention_spans": "start and end of every mention",
        "expansion": "the parts, in order, where the body spells them out, or null",
        "glossary_name": "name from the curated glossary when the code and region match one entry, or null",
        "glossary_region": "region of the linked glossary entry, or null",
        "glossary_parts": "parts from the linked glossary entry (for display; never from the text), or null",
    },
    "money": {**_SPAN,
        "value": "the amount in units of the currency, exact decimal (lower bound for a range)",
        "value_max": "upper bound of a range, else null",
        "currency": "ISO 4217 code (CNY, USD …)",
        "qualifier": "exact | over | at_least | about | more_than | up_to | magnitude | range",
        "qualifier_text": "the qualifier word as written (超, 余, 左右 …), or null",
    },
    "dates": {**_SPAN,
        "start_date": "first day of the period (ISO), or null when it cannot be resolved",
        "end_date": "last day of the period, inclusive, or null",
        "granularity": "day | month | quarter | year | period",
        "relative": "true when the year came from the reference date, not from the text",
    },
    "targets": {**_SPAN,
        "surface": "the clause holding the figure and its metric",
        "subject": "who commits: company, government body or region (shortest name), or null",
        "metric": "what is counted, short, or null",
        "value": "the number in base units (280万辆 → 2800000; money in yuan)",
        "unit": "辆, 家, 元, %, 个 …",
        "comparator": "= | >= | > | <= | ~ from the wording",
        "deadline": "the year the commitment is for, or null",
        "modality": "the word that makes it a commitment (力争, 计划, 将, 到 …)",
        "money_record_id": "record_id of the money record of the value, or null",
        "code": "the code named in the same sentence, or null",
    },
    "issues": {
        "record_id": "stable key of the issue",
        "doc_id": "the document, or null for a file that could not be read",
        "path": "the raw file's path relative to raw/",
        "slug": "what went wrong: undecodable-file, empty-file, binary-file, html-input, file-too-large, "
                "replacement-characters, offset-mismatch, outside-body, invalid-record, duplicate-record, "
                "extractor-error",
        "severity": "error (the file or record was left out) | warning (kept)",
        "message": "a sentence naming the file and the problem",
        "table": "the table of the rejected record, or null",
        "start": "offset of the rejected record, or null",
        "end": "end offset of the rejected record, or null",
        "rule": "rule of the rejected record, or null",
    },
}


def render_card(manifest: Manifest, extra: str = "", changes: tuple[str | None, str] | None = None) -> str:
    """The card; `changes` = (previous version or None, markdown summary of the diff against it)."""
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
    for t in TABLES:
        out.append(f"| `{t}` | {manifest.tables[t].rows} | {TABLE_DOCS[t]} |")
    out += ["", "Each table is `<table>.parquet` (zstd) and `<table>.jsonl` (one object per line, same "
            "columns). `manifest.json` lists inputs and files with sha256; `SHA256SUMS` is checkable "
            "with `sha256sum -c SHA256SUMS`.", ""]
    if extra:
        out += [extra.rstrip(), ""]
    if changes is not None:
        previous, summary = changes
        out += [f"## Changes since {previous}" if previous else "## Changes", "", summary.rstrip(), ""]
        if previous:
            out += [f"Every change, record by record: `python -m extract diff {previous} {v}` "
                    "(`--json` for a machine-readable list).", ""]
    out += ["## Quality", ""]
    if manifest.scores:
        s = manifest.scores
        out += [f"Scored against {s['documents']} hand-annotated documents (precision / recall / F1, "
                "matching as in the annotation guideline). The rules were developed with these "
                "annotations in view: read the scores as a regression check, not as an estimate for "
                "unseen text.", "",
                "| type | P | R | F1 | tp | predicted | gold |", "|---|---|---|---|---|---|---|"]
        for t in ("codes", "money", "dates", "targets"):
            m = s[t]
            out.append(f"| {t} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['tp']} | "
                       f"{m['predicted']} | {m['gold']} |")
    else:
        out.append("No gold annotations matched the documents of this build, so no scores.")
    if manifest.issue_counts:
        out += ["", "Issues: " + ", ".join(f"{k} {n}" for k, n in manifest.issue_counts.items()) + "."]
    out += ["", "## Loading", "", "```python", "import pandas as pd",
            f'money = pd.read_parquet("dataset/{v}/money.parquet", dtype_backend="pyarrow")',
            "money.groupby(\"currency\")[\"value\"].sum()  # exact decimals", "```", "",
            "```sql", "-- duckdb",
            f"SELECT d.title, c.code, c.label, c.glossary_name FROM 'dataset/{v}/codes.parquet' c",
            f"JOIN 'dataset/{v}/documents.parquet' d USING (doc_id) ORDER BY c.code;", "```", "",
            "Use `dtype_backend=\"pyarrow\"` with pandas: otherwise nullable integers become floats.", "",
            "## Fields", ""]
    for t in TABLES:
        out += [f"### {t}", "", "| field | meaning |", "|---|---|"]
        out += [f"| `{k}` | {d} |" for k, d in FIELD_DOCS[t].items()]
        out.append("")
    return "\n".join(out)
