"""Build a release: raw/ → records → dataset/<version>/, in four plain steps.

    collect   every raw file through the pipeline: rows per table, inputs, file issues
    stage     the tables and their real manifest into a staging directory beside the releases
    compare   the staged files against the newest release (extract.diff), as any two releases
    choose    the version the change requires (choose_version)
    publish   the chosen version into the manifest, the card and SHA256SUMS, then an atomic
              rename into place and an entry on top of <out>/CHANGELOG.md

`build_release(config)` runs them; it is what `python -m extract build` runs. A crash
before the rename leaves no release (the staging directory is removed) and an existing
version is never touched. With no change in any table nothing is written. The version
policy (docs/SCHEMA.md): MAJOR for a field or table removed, renamed or retyped; MINOR
for fields, tables or documents added (or documents removed); PATCH for changed
records. The changelog is the only file outside the release directories, replaced
atomically; its dates are the only bytes that differ between rebuilds.
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
from extract.documents import DEFAULT_MAX_BYTES, discover, read_document
from extract.issues import is_fatal
from extract.pipeline import extract_document
from schema import SCHEMA_VERSION, TABLES, InputFile, IssueRecord, Manifest

# The dataset_version of a staged manifest until publish writes the chosen one.
STAGED_VERSION = "0.0.0"


class ReleaseError(Exception):
    """A build that cannot start or cannot be written (exit status 2)."""


@dataclass
class BuildConfig:
    raw_dir: Path = naming.RAW_DIR
    out_dir: Path = naming.OUT_DIR
    version: str | None = None
    bump: str | None = None  # None: the part the change requires (see choose_version)
    gold_dir: Path | None = None  # score against these annotations (none: no scores)
    max_bytes: int = DEFAULT_MAX_BYTES
    log: object = field(default=sys.stderr, repr=False)


@dataclass
class Collected:
    rows: dict[str, list[dict]]     # table -> rows, sorted
    inputs: list[InputFile]
    file_issues: list[IssueRecord]  # of raw files (skipped or kept with a warning)


@dataclass
class Staged:
    path: Path          # the staging directory: tables and manifest.json
    manifest: Manifest  # as staged: dataset_version is STAGED_VERSION until publish


@dataclass
class Comparison:
    previous: str | None        # the newest release before this build
    required: str | None        # the version part the change requires (None: no change)
    reasons: list[str]
    summary: str                # Markdown, for the card and the changelog


@dataclass
class BuildResult:
    version: str
    path: Path
    rows: dict[str, int]
    file_issues: list[IssueRecord]
    scores: dict | None
    written: bool = True          # False: no change since `previous`, nothing written
    previous: str | None = None   # the newest release before this build
    bump: str | None = None       # the version part increased
    required: str | None = None   # the part the change required
    reasons: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> list[IssueRecord]:
        """The issues of the files the build left out."""
        return [i for i in self.file_issues if is_fatal(i)]


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ---------------------------------------------------------------- collect

def collect(config: BuildConfig) -> Collected:
    """Run every document through the pipeline; bad files become issues, not crashes."""
    if not config.raw_dir.is_dir():
        raise ReleaseError(f"raw directory not found: {config.raw_dir}")
    paths = discover(config.raw_dir)
    if not paths:
        raise ReleaseError(f"no *.txt documents under {config.raw_dir}")
    out: dict[str, list] = {t: [] for t in TABLES}
    inputs: list[InputFile] = []
    file_issues: list[IssueRecord] = []
    for path in paths:
        raw = read_document(path, config.raw_dir, config.max_bytes)
        for i in raw.issues:
            print(f"{'skipped' if is_fatal(i) else 'warning'}: {i.message}", file=config.log)
        out["issues"].extend(raw.issues)
        file_issues.extend(raw.issues)
        inputs.append(InputFile(path=raw.path, sha256=raw.sha256, bytes=raw.bytes, status=raw.status))
        if raw.document is None:
            continue
        result = extract_document(raw.document)
        out["documents"].append(result.document)
        for t, recs in result.records.items():
            out[t].extend(recs)
        out["issues"].extend(result.issues)
        for i in result.issues:
            print(f"issue: {i.slug}: {i.message}", file=config.log)
    rows = {t: sorted(tables.rows(out[t]), key=tables.sort_key(t)) for t in TABLES}
    return Collected(rows, inputs, file_issues)


def _scores(config: BuildConfig, rows: dict[str, list[dict]]) -> dict | None:
    gold = config.gold_dir
    if gold is None:
        return None
    if not gold.is_dir():
        print(f"warning: --gold {gold} is not a directory: no scores", file=config.log)
        return None
    return scoring.score(rows, rows["documents"], gold)


# ---------------------------------------------------------------- stage

def stage(collected: Collected, out_dir: Path, scores: dict | None, label: str = "build") -> Staged:
    """Write the tables (both formats) and their manifest into a fresh staging directory."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = naming.staging_dir(out_dir, label)
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    try:
        stats = {}
        for t in TABLES:
            files = {}
            for fmt, writer in (("parquet", tables.write_parquet), ("jsonl", tables.write_jsonl)):
                p = naming.table_path(tmp, t, fmt)
                writer(t, collected.rows[t], p)
                files[fmt] = {"bytes": p.stat().st_size, "sha256": file_sha256(p)}
            stats[t] = {"rows": len(collected.rows[t]), "files": files}
        issue_counts: dict[str, int] = {}
        for r in collected.rows["issues"]:
            issue_counts[r["slug"]] = issue_counts.get(r["slug"], 0) + 1
        manifest = Manifest(
            dataset_version=STAGED_VERSION, schema_version=SCHEMA_VERSION, extractor_version=__version__,
            rules_fingerprint=rulebook.fingerprint(), inputs=collected.inputs, tables=stats,
            issue_counts=dict(sorted(issue_counts.items())), scores=scores)
        _write_manifest(tmp, manifest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Staged(tmp, manifest)


def _write_manifest(release: Path, manifest: Manifest) -> None:
    naming.manifest_path(release).write_text(
        json.dumps(manifest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- compare

def compare_with_previous(staged: Staged, out_dir: Path) -> Comparison:
    """The staged release against the newest one in out_dir, as `extract diff` compares two releases."""
    existing = naming.releases(out_dir)
    if not existing:
        counts = ", ".join(f"{t} {staged.manifest.tables[t].rows}" for t in TABLES)
        return Comparison(None, None, [], f"First release: {counts} rows.")
    previous = existing[-1]
    try:
        found = diff.compare(naming.release_dir(out_dir, previous), staged.path, limit=0, new_label="staged")
    except diff.DiffError as exc:
        raise ReleaseError(f"cannot compare with the newest release {previous}: {exc}") from None
    required, reasons = found.required_bump()
    return Comparison(previous, required, reasons, "\n".join(diff.summary_lines(found, markdown=True)))


# ---------------------------------------------------------------- choose

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


# ---------------------------------------------------------------- publish

def publish(staged: Staged, version: str, out_dir: Path, card_extra: str = "",
            changes: tuple[str | None, str] | None = None) -> Path:
    """The chosen version into the staged manifest, the card and SHA256SUMS, then the rename."""
    final = naming.release_dir(out_dir, version)
    if final.exists():
        raise ReleaseError(f"release {version} already exists at {final}; releases are immutable: "
                           "choose another --version (or omit it for the next one)")
    manifest = staged.manifest.model_copy(update={"dataset_version": version})
    tmp = staged.path
    _write_manifest(tmp, manifest)
    naming.card_path(tmp).write_text(render_card(manifest, card_extra, changes=changes), encoding="utf-8")
    sums = [f"{file_sha256(naming.member_path(tmp, name))}  {name}\n" for name in sorted(os.listdir(tmp))]
    naming.checksums_path(tmp).write_text("".join(sums), encoding="utf-8")
    for p in tmp.iterdir():  # a release is read-only once written
        p.chmod(0o444)
    if final.exists():
        raise ReleaseError(f"release {version} appeared at {final} while building; not overwriting")
    os.rename(tmp, final)
    return final


def _today() -> str:
    """ISO date of the changelog entry (SOURCE_DATE_EPOCH, when set, for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


CHANGELOG_HEAD = "# Changelog\n\nEvery release of this dataset, newest first (written by `python -m extract build`).\n"


def append_changelog(out_dir: Path, version: str, body: str, date: str | None = None) -> Path:
    """Put an entry for `version` at the top of <out>/CHANGELOG.md (atomically: temp file + rename)."""
    path = naming.changelog_path(out_dir)
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    entries = old[len(CHANGELOG_HEAD):] if old.startswith(CHANGELOG_HEAD) else ("\n" + old if old else "")
    entry = f"\n## {version} — {date or _today()}\n\n{body.strip()}\n"
    tmp = naming.changelog_tmp(out_dir)
    tmp.write_text(CHANGELOG_HEAD + entry + entries, encoding="utf-8")
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------- the steps together

def build_release(config: BuildConfig) -> BuildResult:
    """collect → stage → compare → choose → publish; nothing is written when no table changed.

    With no change the result has `written=False` and the newest release's version and path.
    """
    _check_version(config)
    collected = collect(config)
    scores = _scores(config, collected.rows)
    counts = {t: len(collected.rows[t]) for t in TABLES}
    staged = stage(collected, config.out_dir, scores)
    try:
        cmp = compare_with_previous(staged, config.out_dir)
        if cmp.previous is not None and cmp.required is None:
            shutil.rmtree(staged.path, ignore_errors=True)
            return BuildResult(cmp.previous, naming.release_dir(config.out_dir, cmp.previous), counts,
                               collected.file_issues, scores, written=False, previous=cmp.previous)
        version = choose_version(cmp.previous, cmp.required, cmp.reasons, version=config.version,
                                 part=config.bump)
        path = publish(staged, version, config.out_dir, changes=(cmp.previous, cmp.summary))
    except BaseException:
        shutil.rmtree(staged.path, ignore_errors=True)
        raise
    body = cmp.summary if cmp.previous is None else f"Changes since {cmp.previous}:\n\n{cmp.summary}"
    try:
        append_changelog(config.out_dir, version, body)
    except OSError as exc:
        print(f"warning: release {version} written, but {naming.CHANGELOG} could not be updated: {exc}",
              file=config.log)
    return BuildResult(version, path, counts, collected.file_issues, scores, written=True, previous=cmp.previous,
                       bump=naming.bump_part(cmp.previous, version) if cmp.previous else None,
                       required=cmp.required, reasons=cmp.reasons)


def write_release(rows: dict[str, list[dict]], inputs: list[InputFile], version: str, out_dir: Path,
                  scores: dict | None, card_extra: str = "", changes: tuple[str | None, str] | None = None) -> Path:
    """Stage and publish `rows` as release `version`, with no comparison and no version policy."""
    if naming.release_dir(out_dir, version).exists():
        raise ReleaseError(f"release {version} already exists at {naming.release_dir(out_dir, version)}; "
                           "releases are immutable: choose another --version (or omit it for the next one)")
    staged = stage(Collected(rows, inputs, []), out_dir, scores, label=version)
    try:
        return publish(staged, version, out_dir, card_extra, changes)
    except BaseException:
        shutil.rmtree(staged.path, ignore_errors=True)
        raise
