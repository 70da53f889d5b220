"""Command line: a thin layer over the library. Results on stdout, logs on stderr.

Exit status: 0 success; 1 failure (with --strict: any skipped file or rejected
record); 2 usage or input error (missing raw directory, existing version …).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract import __version__


def _build(args) -> int:
    from extract.release import BuildConfig, ReleaseError, build_release

    gold = args.gold
    if gold is None and Path("tests/gold").is_dir():
        gold = Path("tests/gold")  # the seed annotations shipped with the project
    config = BuildConfig(raw_dir=args.raw, out_dir=args.out, version=args.version, bump=args.bump,
                         gold_dir=gold, max_bytes=args.max_bytes)
    try:
        result = build_release(config)
    except ReleaseError as exc:
        print(f"extract build: {exc}", file=sys.stderr)
        return 2
    rows = ", ".join(f"{t} {n}" for t, n in result.rows.items())
    print(f"built release {result.version} at {result.path}: {rows}")
    skipped = [p for p in result.problems if p.fatal]
    if skipped:
        print(f"skipped {len(skipped)} file(s): " + "; ".join(f"{p.path} ({p.slug})" for p in skipped))
    if result.scores:
        print("F1 " + " ".join(f"{t}={result.scores[t]['f1']:.3f}" for t in ("codes", "money", "dates", "targets"))
              + f" (against {result.scores['documents']} gold documents)")
    if args.strict and result.rows["issues"]:
        print(f"--strict: {result.rows['issues']} issue(s), see issues.jsonl", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m extract",
                                 description="Chinese policy news → a versioned dataset of codes, money, dates, targets.")
    ap.add_argument("--version", action="version", version=f"extract {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="extract every raw/*.txt document into a new release")
    b.add_argument("--raw", type=Path, default=Path("raw"), help="input directory, searched recursively for *.txt (default raw/)")
    b.add_argument("--out", type=Path, default=Path("dataset"), help="releases directory (default dataset/)")
    b.add_argument("--version", dest="version", metavar="X.Y.Z",
                   help="release version (default: the next one after the newest release in --out, or 0.1.0)")
    b.add_argument("--bump", choices=("major", "minor", "patch"), default="patch",
                   help="which part of the newest version to increase when --version is not given")
    b.add_argument("--strict", action="store_true", help="exit 1 when any file was skipped or record rejected")
    b.add_argument("--gold", type=Path, default=None,
                   help="gold annotations to score the build against (default tests/gold when present)")
    b.add_argument("--max-bytes", type=int, default=20 * 1024 * 1024, help="skip files larger than this")
    b.set_defaults(func=_build)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    return args.func(args)
