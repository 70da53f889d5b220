"""Check a release against its own checksums: `verify(release_dir) -> list[Finding]`.

Every file is hashed once and checked against SHA256SUMS (all files, including
manifest.json and README.md) and, for the table files, against the bytes,
sha256 and row counts in manifest.json. Files the sums do not list are
reported as extra, listed files that are absent as missing. An empty list
means the release is intact.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from extract import naming

_SUM_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


@dataclass(frozen=True)
class Finding:
    kind: str      # missing | extra | checksum | manifest | rows | malformed | unreadable
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.file}: {self.message}"


class VerifyError(Exception):
    """No such release (exit status 2)."""


def _digest(path: Path) -> tuple[str, int, int]:
    """sha256, bytes, newline count."""
    h, size, lines = hashlib.sha256(), 0, 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return h.hexdigest(), size, lines


def find_release(version: str | None, out_dir: Path) -> Path:
    if version is None:
        existing = naming.releases(out_dir)
        if not existing:
            raise VerifyError(f"no releases in {out_dir}")
        return naming.release_dir(out_dir, existing[-1])
    p = naming.release_dir(out_dir, version)
    if p.is_dir():
        return p
    if Path(version).is_dir():
        return Path(version)
    raise VerifyError(f"release {version} not found in {out_dir}")


class _Check:
    """One verification: the release, what it holds, the findings so far, and each file
    hashed at most once."""

    def __init__(self, release: Path):
        self.release = release
        self.present = sorted(p.name for p in release.iterdir())
        self.found: list[Finding] = []
        self.listed: dict[str, str] = {}  # SHA256SUMS: file -> sha256
        self._digests: dict[str, tuple[str, int, int] | None] = {}

    def add(self, kind: str, file: str, message: str) -> None:
        self.found.append(Finding(kind, file, message))

    def digest(self, name: str) -> tuple[str, int, int] | None:
        if name not in self._digests:
            try:
                self._digests[name] = _digest(naming.member_path(self.release, name))
            except OSError as exc:
                self.add("unreadable", name, str(exc))
                self._digests[name] = None
        return self._digests[name]


def verify(release: Path) -> list[Finding]:
    if not release.is_dir():
        raise VerifyError(f"release not found: {release}")
    check = _Check(release)
    _check_sums(check)
    manifest = _read_manifest(check)
    if manifest is not None:
        _check_manifest(check, manifest)
    return check.found


def _check_sums(check: _Check) -> None:
    """SHA256SUMS lists every file of the release but itself, each with its sha256."""
    sums = naming.checksums_path(check.release)
    if not sums.is_file():
        check.add("missing", naming.CHECKSUMS, "the checksum file is missing")
        return
    for n, line in enumerate(sums.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        m = _SUM_LINE.match(line)
        if not m:
            check.add("malformed", naming.CHECKSUMS, f"line {n} is not '<sha256>  <file>': {line[:80]!r}")
            continue
        check.listed[m.group(2)] = m.group(1)
    for name, want in check.listed.items():
        if name not in check.present:
            check.add("missing", name, "listed in SHA256SUMS but not in the release")
            continue
        d = check.digest(name)
        if d and d[0] != want:
            check.add("checksum", name, f"sha256 is {d[0][:16]}…, SHA256SUMS says {want[:16]}…")
    for name in check.present:
        if name != naming.CHECKSUMS and name not in check.listed:
            check.add("extra", name, "in the release but not listed in SHA256SUMS")


def _read_manifest(check: _Check) -> dict | None:
    """manifest.json, with its version checked against the directory; None when unusable."""
    mpath = naming.manifest_path(check.release)
    if not mpath.is_file():
        check.add("missing", naming.MANIFEST, "the manifest is missing")
        return None
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        manifest["tables"].items()
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        check.add("malformed", naming.MANIFEST, f"cannot be read as a manifest: {exc}")
        return None
    name = check.release.name
    if naming.VERSION_RE.match(name) and manifest.get("dataset_version") != name:
        check.add("manifest", naming.MANIFEST, f"dataset_version {manifest.get('dataset_version')!r} "
                  f"does not match the directory {name}")
    return manifest


def _check_manifest(check: _Check, manifest: dict) -> None:
    """Every table file the manifest lists: present, its bytes and sha256, its rows."""
    for table, stats in manifest["tables"].items():
        for fmt, fstats in stats.get("files", {}).items():
            try:
                name = naming.table_file(table, fmt)
            except ValueError as exc:
                check.add("malformed", naming.MANIFEST, str(exc))
                continue
            if name not in check.present:
                if name not in check.listed:  # else already reported as missing
                    check.add("missing", name, "listed in manifest.json but not in the release")
                continue
            d = check.digest(name)
            if not d:
                continue
            if d[0] != fstats.get("sha256") or d[1] != fstats.get("bytes"):
                check.add("manifest", name, f"{d[1]} bytes, sha256 {d[0][:16]}…; manifest.json says "
                          f"{fstats.get('bytes')} bytes, sha256 {str(fstats.get('sha256'))[:16]}…")
                continue
            rows = stats.get("rows")
            n = d[2] if fmt == "jsonl" else _parquet_rows(naming.table_path(check.release, table, fmt), check.found)
            if n is not None and n != rows:
                check.add("rows", name, f"{n} rows; manifest.json says {rows}")


def _parquet_rows(path: Path, found: list[Finding]) -> int | None:
    import pyarrow.parquet as pq
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # noqa: BLE001 - a damaged file is a finding, not a crash
        found.append(Finding("unreadable", path.name, f"not a readable Parquet file: {exc}"))
        return None
