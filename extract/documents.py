"""Read the raw directory: one Document per good file, and the issues of every file.

The text of a document is its bytes decoded as strict UTF-8, nothing else: no
newline translation, no BOM stripping, no Unicode normalisation. Every offset in
the dataset points into exactly this string. A file that cannot be used gets an
issue of the catalogue (extract.issues) naming why, and the build goes on.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from extract.issues import is_fatal, make_issue
from schema import IssueRecord

# A document larger than this is almost certainly not one article (a dump, a log).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Control characters that do not belong in text (tab, newlines, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UNREAD = "0" * 64  # the sha256 of a file too large to read


@dataclass(frozen=True)
class Document:
    doc_id: str     # path relative to the raw directory, without extension (posix)
    path: str       # path relative to the raw directory, with extension
    sha256: str
    bytes: int
    encoding: str
    text: str


class RawFile(NamedTuple):
    """One file of raw/ as read: its Document (None when skipped), its issues, and what
    the manifest records of it. A tuple, so `read_document(...)[0]` is the document."""

    document: Document | None
    issues: tuple[IssueRecord, ...]
    path: str
    doc_id: str
    sha256: str
    bytes: int

    @property
    def status(self) -> str:
        """"ok", or the slug of the issue that made the build skip the file."""
        return next((i.slug for i in self.issues if is_fatal(i)), "ok")


def discover(raw_dir: Path) -> list[Path]:
    """Every *.txt below raw_dir, recursively, in a stable (sorted) order."""
    return sorted((p for p in raw_dir.rglob("*.txt") if p.is_file()),
                  key=lambda p: p.relative_to(raw_dir).as_posix())


def read_document(path: Path, raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawFile:
    rel = path.relative_to(raw_dir).as_posix()
    doc_id = rel[: -len(path.suffix)] if path.suffix else rel
    size = path.stat().st_size
    if size > max_bytes:
        issue = make_issue("file-too-large", path=rel, doc_id=doc_id, size=size, limit=max_bytes)
        return RawFile(None, (issue,), rel, doc_id, _UNREAD, size)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    doc, issues = _decode(data, rel, doc_id, digest)
    return RawFile(doc, tuple(issues), rel, doc_id, digest, len(data))


def _decode(data: bytes, rel: str, doc_id: str, digest: str) -> tuple[Document | None, list[IssueRecord]]:
    def skip(slug, **values):
        return None, [make_issue(slug, path=rel, doc_id=doc_id, **values)]

    if not data.strip():
        return skip("empty-file", state="is empty" if not data else "holds only whitespace")
    if b"\x00" in data[:8192]:
        return skip("binary-file", evidence="NUL bytes: this is a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return skip("undecodable-file", offset=exc.start, bytes=data[exc.start:exc.start + 4])
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or text.count("</p>") + text.count("<div") > 20:
        return skip("html-input")
    controls = len(_CONTROL.findall(text))
    if controls > max(10, len(text) // 100):
        return skip("binary-file", evidence=f"{controls} control characters: this looks binary")
    warnings = []
    if "\ufffd" in text:
        warnings.append(make_issue("replacement-characters", path=rel, doc_id=doc_id, count=text.count("\ufffd")))
    return Document(doc_id, rel, digest, len(data), "utf-8", text), warnings
