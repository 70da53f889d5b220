"""Build a release: raw/ → records → dataset/<version>/, written atomically.

`build_release(config)` is what `python -m extract build` runs. The release is
written into a temporary directory beside its final place and renamed into
place only when every file is complete, so a crash never leaves a half-written
release, and an existing version is never touched.

Before the rename the staged tables are compared with the newest release
(extract.diff): with no change in any table nothing is written; otherwise the
version follows the policy in choose_version (MAJOR: a field removed, renamed
or retyped; MINOR: fields, tables or documents added (or documents removed);
PATCH: records changed), the card carries the diff summary, and an entry goes
on top of <out>/CHANGELOG.md (the only file outside the release directories,
replaced atomically; its dates are the only bytes that differ between rebuilds).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extract import __version__, diff, naming, rulebook, scoring, tables
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
    bump: str | None = None  # None: the part the change requires (see choose_version)
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
    written: bool = True          # False: no change since `previous`, nothing written
    previous: str | None = None   # the newest release before this build
    bump: str | None = None       # the version part increased
    required: str | None = None   # the part the change required
    reasons: list[str] = field(default_factory=list)


def file_sha256(path: Path) -> str:
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


def _check_version(config: BuildConfig) -> None:
    if config.version is not None:
        try:
            naming.parse_version(config.version)
        except ValueError as exc:
            raise ReleaseError(str(exc)) from None
        if naming.release_dir(config.out_dir, config.version).exists():
            raise ReleaseError(f"release {config.version} already exists in {config.out_dir}; releases are "
                               "immutable: choose another --version (or omit it for the next one)")
        existing = naming.releases(config.out_dir)
        if existing and naming.bump_part(existing[-1], config.version) is None:
            raise ReleaseError(f"--version {config.version} is not above the newest release {existing[-1]} "
                               f"in {config.out_dir}")
    if config.bump is not None and config.bump not in diff.BUMPS:
        raise ReleaseError(f"unknown --bump {config.bump!r} (major, minor or patch)")


def choose_version(previous: str | None, required: str | None, reasons: list[str], *,
                   version: str | None = None, part: str | None = None) -> str:
    """The version of a new release under the version policy.

    `required` is what the change since `previous` needs (diff.ReleaseDiff.required_bump);
    an explicit `version` or `part` below it is refused.

    >>> choose_version("0.1.0", "minor", ["1 document added"])
    '0.2.0'
    >>> choose_version("0.1.0", "patch", [], part="major")
    '1.0.0'
    >>> choose_version("0.1.3", "patch", [], version="0.1.5")
    '0.1.5'
    """
    if previous is None:
        return version or naming.FIRST_VERSION
    why = f" ({'; '.join(reasons[:3])}{'; …' if len(reasons) > 3 else ''})" if reasons else ""
    if version is not None:
        given = naming.bump_part(previous, version)
        if given is None:
            raise ReleaseError(f"--version {version} is not above the newest release {previous}")
        if diff.bump_rank(given) < diff.bump_rank(required):
            raise ReleaseError(f"--version {version} is a {given} step from {previous}, but the change since "
                               f"{previous} requires a {required} version change{why}; use "
                               f"{naming.bump(previous, required)} or higher (or omit --version)")
        return version
    if part is not None:
        if diff.bump_rank(part) < diff.bump_rank(required):
            raise ReleaseError(f"--bump {part} is lower than the change since {previous} requires: "
                               f"{required}{why}; use --bump {required} (or higher), or omit --bump")
        return naming.bump(previous, part)
    return naming.bump(previous, required or "patch")


def _stage_tables(rows: dict[str, list[dict]], tmp: Path) -> dict:
    stats = {}
    for t in TABLES:
        files = {}
        for fmt, writer in (("parquet", tables.write_parquet), ("jsonl", tables.write_jsonl)):
            p = tmp / naming.table_file(t, fmt)
            writer(t, rows[t], p)
            files[fmt] = {"bytes": p.stat().st_size, "sha256": file_sha256(p)}
        stats[t] = {"rows": len(rows[t]), "files": files}
    return stats


def _new_tmp(out_dir: Path, label: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".tmp-{label}-{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    return tmp


def _finish(tmp: Path, stats: dict, rows: dict[str, list[dict]], inputs: list[InputFile], version: str,
            out_dir: Path, scores: dict | None, card_extra: str, changes: tuple[str | None, str] | None) -> Path:
    """Manifest, card and SHA256SUMS into the staged directory, then rename it into place."""
    final = naming.release_dir(out_dir, version)
    issue_counts: dict[str, int] = {}
    for r in rows["issues"]:
        issue_counts[r["slug"]] = issue_counts.get(r["slug"], 0) + 1
    manifest = Manifest(
        dataset_version=version, schema_version=SCHEMA_VERSION, extractor_version=__version__,
        rules_fingerprint=rulebook.fingerprint(), inputs=inputs, tables=stats,
        issue_counts=dict(sorted(issue_counts.items())), scores=scores)
    (tmp / naming.MANIFEST).write_text(
        json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (tmp / naming.CARD).write_text(render_card(manifest, card_extra, changes=changes), encoding="utf-8")
    sums = [f"{file_sha256(tmp / name)}  {name}\n" for name in sorted(os.listdir(tmp))]
    (tmp / naming.CHECKSUMS).write_text("".join(sums), encoding="utf-8")
    for p in tmp.iterdir():  # a release is read-only once written
        p.chmod(0o444)
    if final.exists():
        raise ReleaseError(f"release {version} appeared at {final} while building; not overwriting")
    os.rename(tmp, final)
    return final


def write_release(rows: dict[str, list[dict]], inputs: list[InputFile], version: str, out_dir: Path,
                  scores: dict | None, card_extra: str = "", changes: tuple[str | None, str] | None = None) -> Path:
    """Write `rows` as release `version` (no version policy: build_release applies it)."""
    final = naming.release_dir(out_dir, version)
    if final.exists():
        raise ReleaseError(f"release {version} already exists at {final}; releases are immutable: "
                           "choose another --version (or omit it for the next one)")
    tmp = _new_tmp(out_dir, version)
    try:
        stats = _stage_tables(rows, tmp)
        return _finish(tmp, stats, rows, inputs, version, out_dir, scores, card_extra, changes)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _today() -> str:
    """ISO date of the changelog entry (SOURCE_DATE_EPOCH, when set, for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


CHANGELOG_HEAD = "# Changelog\n\nEvery release of this dataset, newest first (written by `python -m extract build`).\n"


def append_changelog(out_dir: Path, version: str, body: str, date: str | None = None) -> Path:
    """Put an entry for `version` at the top of <out>/CHANGELOG.md (atomically: temp file + rename)."""
    path = out_dir / naming.CHANGELOG
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    entries = old[len(CHANGELOG_HEAD):] if old.startswith(CHANGELOG_HEAD) else ("\n" + old if old else "")
    entry = f"\n## {version} — {date or _today()}\n\n{body.strip()}\n"
    tmp = out_dir / f".{naming.CHANGELOG}.tmp-{os.getpid()}"
    tmp.write_text(CHANGELOG_HEAD + entry + entries, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _first_release_summary(rows: dict[str, list[dict]]) -> str:
    return ("First release: " + ", ".join(f"{t} {len(rows[t])}" for t in TABLES) + " rows.")


def build_release(config: BuildConfig) -> BuildResult:
    """Extract raw/, compare with the newest release, and write a new release if anything changed.

    The version follows the policy (see choose_version); with no change in any table nothing is
    written and the result has `written=False` and the newest release's version and path.
    """
    _check_version(config)
    rows, inputs, problems = collect(config)
    gold = config.gold_dir
    scores = scoring.score(rows, rows["documents"], gold) if gold and gold.is_dir() else None
    existing = naming.releases(config.out_dir)
    previous = existing[-1] if existing else None
    counts = {t: len(rows[t]) for t in TABLES}
    tmp = _new_tmp(config.out_dir, "build")
    try:
        stats = _stage_tables(rows, tmp)
        if previous is None:
            found, required, reasons, summary = None, None, [], _first_release_summary(rows)
        else:
            prev_dir = naming.release_dir(config.out_dir, previous)
            new_manifest = {"schema_version": SCHEMA_VERSION, "extractor_version": __version__,
                            "rules_fingerprint": rulebook.fingerprint(), "tables": {t: {} for t in TABLES},
                            "inputs": [i.model_dump() for i in inputs]}
            try:
                found = diff.compare(prev_dir, tmp, limit=0, new_manifest=new_manifest)
            except diff.DiffError as exc:
                raise ReleaseError(f"cannot compare with the newest release {previous}: {exc}") from None
            required, reasons = found.required_bump()
            if required is None:
                shutil.rmtree(tmp, ignore_errors=True)
                return BuildResult(previous, prev_dir, counts, problems, scores, written=False,
                                   previous=previous)
            summary = "\n".join(diff.summary_lines(found, markdown=True))
        version = choose_version(previous, required, reasons, version=config.version, part=config.bump)
        if naming.release_dir(config.out_dir, version).exists():
            raise ReleaseError(f"release {version} already exists in {config.out_dir}; releases are immutable")
        path = _finish(tmp, stats, rows, inputs, version, config.out_dir, scores, "", (previous, summary))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    body = summary if previous is None else f"Changes since {previous}:\n\n{summary}"
    try:
        append_changelog(config.out_dir, version, body)
    except OSError as exc:
        print(f"warning: release {version} written, but {naming.CHANGELOG} could not be updated: {exc}",
              file=config.log)
    return BuildResult(version, path, counts, problems, scores, written=True, previous=previous,
                       bump=naming.bump_part(previous, version) if previous else None, required=required, reasons=reasons)
