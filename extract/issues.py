"""The issue catalogue: every way the build can refuse a file or a record, once.

Each kind of issue has a stable `slug` (what users filter the issues table on), a
severity (error: the file or record is left out; warning: it is kept) and a message
template. Reading raw/ (extract.documents), validation (extract.validate) and the
pipeline (extract.pipeline) raise issues only through `make_issue`, so every slug the
build can write is listed here, with its severity and wording, and the dataset card
and README render this list.

Templates are `str.format` strings; `{path}` is always the raw file's path.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from schema import IssueRecord, Severity


@dataclass(frozen=True)
class IssueKind:
    slug: str
    severity: Severity
    template: str
    about: str  # what it means and what to do, for the card and the README


_E, _W = Severity.error, Severity.warning
_RECORD = "{path}: {table} record {surface!r} at {start}:{end}"

CATALOGUE: dict[str, IssueKind] = {k.slug: k for k in (
    # Files (extract.documents): an error skips the file, a warning keeps it.
    IssueKind("file-too-large", _E, "{path}: {size} bytes is over the limit of {limit} bytes (--max-bytes); "
              "split it into articles", "the file is larger than --max-bytes; skipped"),
    IssueKind("empty-file", _E, "{path}: the file {state}", "the file is empty or holds only whitespace; skipped"),
    IssueKind("binary-file", _E, "{path}: {evidence}", "NUL bytes or many control characters; skipped"),
    IssueKind("undecodable-file", _E, "{path}: not valid UTF-8 (byte {offset}: {bytes!r}); re-save it as UTF-8",
              "the bytes are not valid UTF-8; skipped"),
    IssueKind("html-input", _E, "{path}: this is HTML markup; save the article's text as .txt "
              "(HTML input is not supported yet)", "the file is an HTML page; skipped"),
    IssueKind("replacement-characters", _W, "{path}: {count} U+FFFD replacement characters: the text was "
              "damaged before it reached raw/", "the text holds U+FFFD characters; kept"),
    # Records (extract.validate): the record is left out, the document kept.
    IssueKind("offset-mismatch", _E, _RECORD + " does not match the raw text {actual!r}",
              "the record's surface is not the raw text at its offsets"),
    IssueKind("outside-body", _E, _RECORD + " lies outside the article body {body_start}:{body_end}",
              "the record lies outside the article body"),
    IssueKind("duplicate-record", _E, "{path}: a second {table} record at {start}:{end} ({surface!r}, rule {rule})",
              "a second record of the same table at the same offsets"),
    IssueKind("invalid-record", _E, _RECORD + " is invalid: {reasons}",
              "the record fails its model's validation (the reasons are in the message)"),
    # Extractors (extract.pipeline): the table's records of the document are left out.
    IssueKind("extractor-error", _E, "{path}: the {table} extractor failed: {error!r} ({where})",
              "an extractor raised on the document: a bug, reported instead of stopping the build"),
)}


def make_issue(slug: str, *, path: str, doc_id: str | None = None, table: str | None = None,
               start: int | None = None, end: int | None = None, rule: str | None = None,
               **values) -> IssueRecord:
    """The issue `slug` (of the catalogue), its message filled from the template.

    >>> i = make_issue("empty-file", path="a/b.txt", doc_id="a/b", state="is empty")
    >>> i.severity.value, i.message
    ('error', 'a/b.txt: the file is empty')
    """
    kind = CATALOGUE[slug]
    message = kind.template.format(path=path, table=table, start=start, end=end, rule=rule, **values)
    key = "\0".join(str(x) for x in (doc_id, path, slug, table, start, end, rule, message))
    return IssueRecord(record_id=hashlib.sha1(key.encode()).hexdigest()[:16], doc_id=doc_id, path=path,
                       slug=slug, severity=kind.severity, message=message, table=table, start=start, end=end,
                       rule=rule)


def is_fatal(issue: IssueRecord) -> bool:
    """Does this file issue mean the file was skipped?"""
    return issue.severity is Severity.error
