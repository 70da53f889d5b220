"""The one place that knows release paths, file names and version ordering.

Every other module asks here for a path (`release_dir`, `table_path`, `manifest_path`,
`staging_dir` …) instead of joining names itself, so the layout of a release is
defined once:

    <out>/CHANGELOG.md
    <out>/<MAJOR.MINOR.PATCH>/<table>.parquet, <table>.jsonl, manifest.json, README.md, SHA256SUMS
    <out>/.tmp-<label>-<pid>/        a release being staged (renamed into place when complete)
"""
from __future__ import annotations

import os
import re
from pathlib import Path

VERSION_RE = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
FIRST_VERSION = "0.1.0"
RAW_DIR = Path("raw")          # the command line's default input directory
OUT_DIR = Path("dataset")      # … and releases directory
MANIFEST = "manifest.json"
CARD = "README.md"
CHECKSUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
FORMATS = ("parquet", "jsonl")
_STAGING = ".tmp-"
_TABLE_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


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
             if p.is_dir() and VERSION_RE.match(p.name) and manifest_path(p).is_file()]
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
    """The file name of a table in one format.

    >>> table_file("money", "parquet")
    'money.parquet'
    """
    if not _TABLE_NAME.match(table) or fmt not in FORMATS:
        raise ValueError(f"no table file for {table!r} as {fmt!r}")
    return f"{table}.{fmt}"


def table_path(release: Path, table: str, fmt: str) -> Path:
    return release / table_file(table, fmt)


def manifest_path(release: Path) -> Path:
    return release / MANIFEST


def card_path(release: Path) -> Path:
    return release / CARD


def checksums_path(release: Path) -> Path:
    return release / CHECKSUMS


def member_path(release: Path, name: str) -> Path:
    """A file of a release by the name SHA256SUMS or a listing gives (never a subdirectory)."""
    if "/" in name or name in ("", ".", ".."):
        raise ValueError(f"not a file name of a release: {name!r}")
    return release / name


def changelog_path(out_dir: Path) -> Path:
    return out_dir / CHANGELOG


def changelog_tmp(out_dir: Path) -> Path:
    """Where the new changelog is written before it replaces the old one."""
    return out_dir / f".{CHANGELOG}.tmp-{os.getpid()}"


def staging_dir(out_dir: Path, label: str) -> Path:
    """The directory a release is staged in before it is renamed to release_dir."""
    return out_dir / f"{_STAGING}{label}-{os.getpid()}"


def is_staging(path: Path) -> bool:
    return path.name.startswith(_STAGING)


def parquet_tables(release: Path) -> list[str]:
    """The tables a release directory holds a Parquet file of, by name (sorted)."""
    suffix = "." + FORMATS[0]
    return [p.name[: -len(suffix)] for p in sorted(release.glob("*" + suffix))]
