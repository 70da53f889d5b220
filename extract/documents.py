"""Read the raw directory: one Document per good file, one Problem per bad one.

The text of a document is its bytes decoded as strict UTF-8, nothing else: no
newline translation, no BOM stripping, no Unicode normalisation. Every offset in
the dataset points into exactly this string.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

# A document larger than this is almost certainly not one article (a dump, a log).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Control characters that do not belong in text (tab, newlines, form feed are fine).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Document:
    doc_id: str     # path relative to the raw directory, without extension (posix)
    path: str       # path relative to the raw directory, with extension
    sha256: str
    bytes: int
    encoding: str
    text: str


@dataclass(frozen=True)
class Problem:
    """A file the build could not use, or used with a warning."""

    path: str
    doc_id: str
    slug: str       # stable: undecodable-file, empty-file, binary-file, html-input …
    message: str
    sha256: str
    bytes: int
    fatal: bool     # True: the document was skipped


def discover(raw_dir: Path) -> list[Path]:
    """Every *.txt below raw_dir, recursively, in a stable (sorted) order."""
    return sorted((p for p in raw_dir.rglob("*.txt") if p.is_file()),
                  key=lambda p: p.relative_to(raw_dir).as_posix())


def read_document(path: Path, raw_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES
                  ) -> tuple[Document | None, list[Problem]]:
    rel = path.relative_to(raw_dir).as_posix()
    doc_id = rel[: -len(path.suffix)] if path.suffix else rel
    size = path.stat().st_size
    if size > max_bytes:
        return None, [Problem(rel, doc_id, "file-too-large",
                              f"{rel}: {size} bytes is over the limit of {max_bytes} bytes "
                              "(--max-bytes); split it into articles", "0" * 64, size, True)]
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()

    def problem(slug, message, fatal=True):
        return Problem(rel, doc_id, slug, f"{rel}: {message}", digest, len(data), fatal)

    if not data.strip():
        return None, [problem("empty-file", "the file is empty" if not data
                              else "the file holds only whitespace")]
    if b"\x00" in data[:8192]:
        return None, [problem("binary-file", "NUL bytes: this is a binary file, not text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [problem("undecodable-file",
                              f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 4]!r}); "
                              "re-save it as UTF-8")]
    head = text.lstrip("\ufeff \t\r\n")[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or text.count("</p>") + text.count("<div") > 20:
        return None, [problem("html-input", "this is HTML markup; save the article's text as .txt "
                              "(HTML input is not supported yet)")]
    warnings = []
    controls = len(_CONTROL.findall(text))
    if controls > max(10, len(text) // 100):
        return None, [problem("binary-file", f"{controls} control characters: this looks binary")]
    if "\ufffd" in text:
        warnings.append(problem("replacement-characters",
                                f"{text.count(chr(0xFFFD))} U+FFFD replacement characters: "
                                "the text was damaged before it reached raw/", fatal=False))
    return Document(doc_id, rel, digest, len(data), "utf-8", text), warnings
