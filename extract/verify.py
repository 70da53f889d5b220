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


def verify(release: Path) -> list[Finding]:
    if not release.is_dir():
        raise VerifyError(f"release not found: {release}")
    found: list[Finding] = []
    present = sorted(p.name for p in release.iterdir())
    digests: dict[str, tuple[str, int, int]] = {}

    def digest(name: str):
        if name not in digests:
            try:
                digests[name] = _digest(release / name)
            except OSError as exc:
                found.append(Finding("unreadable", name, str(exc)))
                digests[name] = None  # type: ignore[assignment]
        return digests[name]

    # SHA256SUMS: every file of the release but itself
    listed: dict[str, str] = {}
    sums = release / naming.CHECKSUMS
    if not sums.is_file():
        found.append(Finding("missing", naming.CHECKSUMS, "the checksum file is missing"))
    else:
        for n, line in enumerate(sums.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = _SUM_LINE.match(line)
            if not m:
                found.append(Finding("malformed", naming.CHECKSUMS, f"line {n} is not '<sha256>  <file>': {line[:80]!r}"))
                continue
            listed[m.group(2)] = m.group(1)
        for name, want in listed.items():
            if name not in present:
                found.append(Finding("missing", name, "listed in SHA256SUMS but not in the release"))
                continue
            d = digest(name)
            if d and d[0] != want:
                found.append(Finding("checksum", name, f"sha256 is {d[0][:16]}…, SHA256SUMS says {want[:16]}…"))
        for name in present:
            if name != naming.CHECKSUMS and name not in listed:
                found.append(Finding("extra", name, "in the release but not listed in SHA256SUMS"))

    # manifest.json: table files, bytes, sha256, rows; its own version
    mpath = release / naming.MANIFEST
    if not mpath.is_file():
        found.append(Finding("missing", naming.MANIFEST, "the manifest is missing"))
        return found
    try:
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        tables = manifest["tables"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        found.append(Finding("malformed", naming.MANIFEST, f"cannot be read as a manifest: {exc}"))
        return found
    if naming.VERSION_RE.match(release.name) and manifest.get("dataset_version") != release.name:
        found.append(Finding("manifest", naming.MANIFEST, f"dataset_version {manifest.get('dataset_version')!r} "
                             f"does not match the directory {release.name}"))
    for table, stats in tables.items():
        for fmt, fstats in stats.get("files", {}).items():
            name = f"{table}.{fmt}"
            if name not in present:
                if name in listed:
                    continue  # already reported as missing
                found.append(Finding("missing", name, "listed in manifest.json but not in the release"))
                continue
            d = digest(name)
            if not d:
                continue
            if d[0] != fstats.get("sha256") or d[1] != fstats.get("bytes"):
                found.append(Finding("manifest", name, f"{d[1]} bytes, sha256 {d[0][:16]}…; manifest.json says "
                                     f"{fstats.get('bytes')} bytes, sha256 {str(fstats.get('sha256'))[:16]}…"))
                continue
            rows = stats.get("rows")
            n = d[2] if fmt == "jsonl" else _parquet_rows(release / name, found)
            if n is not None and n != rows:
                found.append(Finding("rows", name, f"{n} rows; manifest.json says {rows}"))
    return found


def _parquet_rows(path: Path, found: list[Finding]) -> int | None:
    import pyarrow.parquet as pq
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception as exc:  # noqa: BLE001 - a damaged file is a finding, not a crash
        found.append(Finding("unreadable", path.name, f"not a readable Parquet file: {exc}"))
        return None
