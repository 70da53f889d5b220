"""Build a release: raw/ → records → dataset/<version>/, written atomically.

`build_release(config)` is what `python -m extract build` runs. The release is
written into a temporary directory beside its final place and renamed into
place only when every file is complete, so a crash never leaves a half-written
release, and an existing version is never touched.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extract import __version__, naming, rulebook, scoring, tables
from extract.card import render_card
from extract.documents import DEFAULT_MAX_BYTES, Problem, discover, read_document
from extract.pipeline import extract_document
from extract.validate import issue
from schema import SCHEMA_VERSION, TABLES, InputFile, Manifest, Severity


class ReleaseError(Exception):
    """A build that cannot start or cannot be written (exit status 2)."""


@dataclass
class BuildConfig:
    raw_dir: Path = Path("raw")
    out_dir: Path = Path("dataset")
    version: str | None = None
    bump: str = "patch"
    gold_dir: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    log: object = field(default=sys.stderr, repr=False)


@dataclass
class BuildResult:
    version: str
    path: Path
    rows: dict[str, int]
    problems: list[Problem]
    scores: dict | None


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def collect(config: BuildConfig) -> tuple[dict[str, list[dict]], list[InputFile], list[Problem]]:
    """Run every document through the pipeline; bad files become issues, not crashes."""
    if not config.raw_dir.is_dir():
        raise ReleaseError(f"raw directory not found: {config.raw_dir}")
    paths = discover(config.raw_dir)
    if not paths:
        raise ReleaseError(f"no *.txt documents under {config.raw_dir}")
    out: dict[str, list] = {t: [] for t in TABLES}
    inputs: list[InputFile] = []
    problems: list[Problem] = []
    for path in paths:
        doc, probs = read_document(path, config.raw_dir, config.max_bytes)
        for p in probs:
            print(f"{'skipped' if p.fatal else 'warning'}: {p.message}", file=config.log)
            out["issues"].append(issue(p.slug, p.message, doc_id=p.doc_id, path=p.path,
                                       severity=Severity.error if p.fatal else Severity.warning))
        problems.extend(probs)
        fatal = next((p for p in probs if p.fatal), None)
        rel = path.relative_to(config.raw_dir).as_posix()
        if doc is None:
            inputs.append(InputFile(path=rel, sha256=fatal.sha256, bytes=fatal.bytes, status=fatal.slug))
            continue
        inputs.append(InputFile(path=rel, sha256=doc.sha256, bytes=doc.bytes, status="ok"))
        result = extract_document(doc)
        out["documents"].append(result.document)
        for t, recs in result.records.items():
            out[t].extend(recs)
        out["issues"].extend(result.issues)
        for i in result.issues:
            print(f"issue: {i.slug}: {i.message}", file=config.log)
    rows = {t: sorted(tables.rows(out[t]), key=tables.sort_key(t)) for t in TABLES}
    return rows, inputs, problems


def _choose_version(config: BuildConfig) -> str:
    if config.version is not None:
        try:
            naming.parse_version(config.version)
        except ValueError as exc:
            raise ReleaseError(str(exc)) from None
        return config.version
    return naming.next_version(config.out_dir, config.bump)


def write_release(rows: dict[str, list[dict]], inputs: list[InputFile], version: str, out_dir: Path,
                  scores: dict | None, card_extra: str = "") -> Path:
    final = naming.release_dir(out_dir, version)
    if final.exists():
        raise ReleaseError(f"release {version} already exists at {final}; releases are immutable: "
                           "choose another --version (or omit it for the next one)")
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".tmp-{version}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        stats = {}
        for t in TABLES:
            files = {}
            for fmt, writer in (("parquet", tables.write_parquet), ("jsonl", tables.write_jsonl)):
                p = tmp / naming.table_file(t, fmt)
                writer(t, rows[t], p)
                files[fmt] = {"bytes": p.stat().st_size, "sha256": _sha256(p)}
            stats[t] = {"rows": len(rows[t]), "files": files}
        issue_counts: dict[str, int] = {}
        for r in rows["issues"]:
            issue_counts[r["slug"]] = issue_counts.get(r["slug"], 0) + 1
        manifest = Manifest(
            dataset_version=version, schema_version=SCHEMA_VERSION, extractor_version=__version__,
            rules_fingerprint=rulebook.fingerprint(), inputs=inputs, tables=stats,
            issue_counts=dict(sorted(issue_counts.items())), scores=scores)
        (tmp / naming.MANIFEST).write_text(
            json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        (tmp / naming.CARD).write_text(render_card(manifest, card_extra), encoding="utf-8")
        sums = [f"{_sha256(tmp / name)}  {name}\n" for name in sorted(os.listdir(tmp))]
        (tmp / naming.CHECKSUMS).write_text("".join(sums), encoding="utf-8")
        for p in tmp.iterdir():  # a release is read-only once written
            p.chmod(0o444)
        if final.exists():
            raise ReleaseError(f"release {version} appeared at {final} while building; not overwriting")
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def build_release(config: BuildConfig) -> BuildResult:
    version = _choose_version(config)
    if naming.release_dir(config.out_dir, version).exists():
        raise ReleaseError(f"release {version} already exists in {config.out_dir}; releases are immutable: "
                           "choose another --version (or omit it for the next one)")
    rows, inputs, problems = collect(config)
    gold = config.gold_dir
    scores = scoring.score(rows, rows["documents"], gold) if gold and gold.is_dir() else None
    path = write_release(rows, inputs, version, config.out_dir, scores)
    return BuildResult(version, path, {t: len(rows[t]) for t in TABLES}, problems, scores)
