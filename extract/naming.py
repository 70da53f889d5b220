"""The one place that knows release paths, file names and version ordering."""
from __future__ import annotations

import re
from pathlib import Path

from schema import TABLES

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
FIRST_VERSION = "0.1.0"
MANIFEST = "manifest.json"
CARD = "README.md"
CHECKSUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
FORMATS = ("parquet", "jsonl")


def parse_version(v: str) -> tuple[int, int, int]:
    """'0.10.2' → (0, 10, 2); raises ValueError on anything else.

    >>> sorted(["0.10.0", "0.9.1", "0.2.0"], key=parse_version)
    ['0.2.0', '0.9.1', '0.10.0']
    """
    m = VERSION_RE.match(v)
    if not m:
        raise ValueError(f"not a MAJOR.MINOR.PATCH version: {v!r}")
    return tuple(int(x) for x in m.groups())  # type: ignore[return-value]


def releases(out_dir: Path) -> list[str]:
    """Versions released in out_dir, oldest first (as versions, not strings)."""
    if not out_dir.is_dir():
        return []
    found = [p.name for p in out_dir.iterdir()
             if p.is_dir() and VERSION_RE.match(p.name) and (p / MANIFEST).is_file()]
    return sorted(found, key=parse_version)


def bump(version: str, part: str = "patch") -> str:
    """The next version after `version`.

    >>> bump("0.3.7"), bump("0.3.7", "minor"), bump("0.3.7", "major")
    ('0.3.8', '0.4.0', '1.0.0')
    """
    major, minor, patch = parse_version(version)
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise ValueError(f"unknown version part {part!r}")


def bump_part(old: str, new: str) -> str | None:
    """Which part goes up from `old` to `new`; None when `new` is not above `old`.

    >>> bump_part("0.3.7", "0.3.9"), bump_part("0.3.7", "0.4.0"), bump_part("0.3.7", "1.0.0")
    ('patch', 'minor', 'major')
    >>> bump_part("0.3.7", "0.3.7") is None, bump_part("0.3.7", "0.2.9") is None
    (True, True)
    """
    o, n = parse_version(old), parse_version(new)
    if n <= o:
        return None
    return "major" if n[0] > o[0] else "minor" if n[1] > o[1] else "patch"


def next_version(out_dir: Path, part: str = "patch") -> str:
    """The next version after the newest release in out_dir (FIRST_VERSION when there is none)."""
    existing = releases(out_dir)
    return bump(existing[-1], part) if existing else FIRST_VERSION


def release_dir(out_dir: Path, version: str) -> Path:
    return out_dir / version


def table_file(table: str, fmt: str) -> str:
    assert table in TABLES and fmt in FORMATS
    return f"{table}.{fmt}"
