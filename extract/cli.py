"""Command line: a thin layer over the library. Results on stdout, logs on stderr.

Exit status: 0 success; 1 failure (with --strict: any skipped file or rejected
record; for `diff`: the releases differ; for `verify`: a file does not match);
2 usage or input error (missing raw directory or release, existing version,
a version step lower than the change requires …).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract import __version__, naming
from extract.documents import DEFAULT_MAX_BYTES
from schema import SCORED, TABLES


def _build(args) -> int:
    from extract.release import BuildConfig, ReleaseError, build_release

    config = BuildConfig(raw_dir=args.raw, out_dir=args.out, version=args.version, bump=args.bump,
                         gold_dir=args.gold, max_bytes=args.max_bytes)
    try:
        result = build_release(config)
    except ReleaseError as exc:
        print(f"extract build: {exc}", file=sys.stderr)
        return 2
    rows = ", ".join(f"{t} {n}" for t, n in result.rows.items())
    if not result.written:
        print(f"no change: every table equals the newest release {result.version} ({result.path}); "
              f"nothing written: {rows}")
        return 0
    step = (f" ({result.bump} step from {result.previous}; the change requires {result.required}: "
            f"{'; '.join(result.reasons[:3])}{'; …' if len(result.reasons) > 3 else ''})"
            if result.previous else " (first release)")
    print(f"built release {result.version} at {result.path}{step}: {rows}")
    if result.skipped:
        print(f"skipped {len(result.skipped)} file(s): " + "; ".join(f"{i.path} ({i.slug})" for i in result.skipped))
    if result.scores:
        print("F1 " + " ".join(f"{t}={result.scores[t]['f1']:.3f}" for t in SCORED)
              + f" (against {result.scores['documents']} gold documents)")
    if args.strict and result.rows["issues"]:
        print(f"--strict: {result.rows['issues']} issue(s), see issues.jsonl", file=sys.stderr)
        return 1
    return 0


def _diff(args) -> int:
    from extract import diff

    if args.limit is not None and args.limit < 0:
        print("extract diff: --limit must be 0 or more", file=sys.stderr)
        return 2
    limit = args.limit if args.limit is not None else (None if args.json else 10)
    try:
        old, new = diff.default_pair(args.out, args.old, args.new)
        result = diff.compare(old, new, tables=args.table, limit=limit)
    except diff.DiffError as exc:
        print(f"extract diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(diff.to_json(result) if args.json else diff.render_text(result, limit))
    return 0 if result.same else 1


def _verify(args) -> int:
    from extract.verify import VerifyError, find_release, verify

    try:
        release = find_release(args.release, args.out)
        findings = verify(release)
    except VerifyError as exc:
        print(f"extract verify: {exc}", file=sys.stderr)
        return 2
    for f in findings:
        print(f)
    if findings:
        print(f"release {release}: {len(findings)} problem(s)")
        return 1
    print(f"release {release}: intact (every file matches manifest.json and SHA256SUMS)")
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract",
                                 description="Chinese policy news → a versioned dataset of codes, money, dates, targets.")
    ap.add_argument("--version", action="version", version=f"extract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="extract every raw/*.txt document into a new release")
    b.add_argument("--raw", type=Path, default=naming.RAW_DIR, help="input directory, searched recursively for *.txt (default raw/)")
    b.add_argument("--out", type=Path, default=naming.OUT_DIR, help="releases directory (default dataset/)")
    b.add_argument("--version", dest="version", metavar="X.Y.Z",
                   help="release version (default: the next one after the newest release in --out, or 0.1.0)")
    b.add_argument("--bump", choices=("major", "minor", "patch"), default=None,
                   help="which part of the newest version to increase (default: the part the change since the "
                        "newest release requires: major for removed/renamed/retyped fields, minor for added "
                        "fields or documents, patch for changed records); a lower part than required is refused")
    b.add_argument("--strict", action="store_true", help="exit 1 when any file was skipped or record rejected")
    b.add_argument("--gold", type=Path, default=None, metavar="DIR",
                   help="gold annotations (*.json) to score the build against, e.g. tests/gold (default: no scores)")
    b.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="skip files larger than this")
    b.set_defaults(func=_build)

    d = sub.add_parser("diff", help="compare two releases record by record (exit 0 same, 1 different, 2 trouble)")
    d.add_argument("old", nargs="?", metavar="OLD", help="version in --out or a release directory "
                   "(default: the second newest release)")
    d.add_argument("new", nargs="?", metavar="NEW", help="version or directory (default: the newest release)")
    d.add_argument("--out", type=Path, default=naming.OUT_DIR, help="releases directory (default dataset/)")
    d.add_argument("--table", action="append", choices=TABLES, metavar="TABLE",
                   help=f"compare only this table (repeatable; one of {', '.join(TABLES)})")
    d.add_argument("--json", action="store_true", help="print one JSON document with every change")
    d.add_argument("--limit", type=int, default=None, metavar="N",
                   help="examples of each kind (added, removed, changed) per table "
                        "(default 10 as text; every change with --json)")
    d.set_defaults(func=_diff)

    v = sub.add_parser("verify", help="check a release's files against manifest.json and SHA256SUMS "
                                      "(exit 0 intact, 1 mismatch, 2 no such release)")
    v.add_argument("release", nargs="?", metavar="VERSION", help="version in --out (default: the newest)")
    v.add_argument("--out", type=Path, default=naming.OUT_DIR, help="releases directory (default dataset/)")
    v.set_defaults(func=_verify)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return args.func(args)
