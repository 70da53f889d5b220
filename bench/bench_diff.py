"""Benchmark `python -m extract diff` (and `verify`) on two large synthetic releases.

    python bench/bench_diff.py                 # 1,000,000 money + 1,000,000 dates rows per release
    python bench/bench_diff.py --rows 200000   # smaller
    python bench/bench_diff.py --keep DIR      # keep the releases in DIR

The releases are written directly as Parquet with the declared schemas of
extract.tables (zstd, like a build), plus a manifest, so only the diff is timed.
Between the two releases, in money and in dates: 0.5% of rows removed, 0.5%
added at new offsets, 1% changed (money value, dates granularity); 0.5% of
documents added (3 records each) and 0.25% of inputs changed. Each command runs in its
own process; time is wall clock, memory the peak resident set of that process
(os.wait4), so DuckDB's native memory is included.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import naming, tables  # noqa: E402
from extract.release import file_sha256  # noqa: E402
from schema import SCHEMA_VERSION, TABLES  # noqa: E402

PER_DOC = 50


def _hex(ids: np.ndarray, salt: int) -> list[str]:
    return [f"{(int(i) * 2654435761 + salt) % (1 << 64):016x}" for i in ids]


def _write(table: str, cols: dict, path: Path) -> None:
    schema = tables.ARROW_SCHEMAS[table]
    arrays = [cols[f.name] if f.name in cols else pa.nulls(len(next(iter(cols.values()))), f.type) for f in schema]
    meta = {b"extract.table": table.encode(), b"extract.schema_version": SCHEMA_VERSION.encode()}
    t = pa.Table.from_arrays([pa.array(a, f.type) if not isinstance(a, pa.Array) else a.cast(f.type)
                              for a, f in zip(arrays, schema)], schema=schema.with_metadata(meta))
    t = t.sort_by([("doc_id", "ascending"), ("start", "ascending")] if "start" in schema.names
                  else [("doc_id", "ascending")])
    pq.write_table(t, path, compression="zstd")


def _span_cols(table: str, docs: np.ndarray, j: np.ndarray, salt: int) -> dict:
    start = (j * 40).astype(np.int32)
    doc_ids = np.array([f"doc{d:06d}" for d in range(docs.max() + 1)], dtype=object)[docs]
    return {
        "record_id": _hex(docs * 100000 + j, salt), "doc_id": doc_ids, "start": start, "end": start + 6,
        "surface": np.full(len(j), "20亿元", dtype=object), "rule": np.full(len(j), f"{table}.bench", dtype=object),
        "sentence": np.array([f"全市计划投资{x}亿元推进重点项目建设" for x in j], dtype=object),
    }


def make_release(out: Path, version: str, rows: int, new: bool) -> None:
    n_docs = rows // PER_DOC
    d = out / version
    d.mkdir(parents=True)
    idx = np.arange(n_docs * PER_DOC)
    docs, j = idx // PER_DOC, idx % PER_DOC
    keep = np.ones(len(idx), bool)
    if new:
        keep = idx % 200 != 3                                   # 0.5% removed
        extra = idx[idx % 200 == 5]                             # 0.5% added at new offsets
        docs = np.concatenate([docs[keep], extra // PER_DOC, np.arange(n_docs, n_docs + n_docs // 200).repeat(3)])
        j = np.concatenate([j[keep], PER_DOC + extra % PER_DOC, np.tile(np.arange(3), n_docs // 200)])
    n_all = int(docs.max()) + 1
    key = docs.astype(np.int64) * PER_DOC + j               # a value is a function of its record's key
    values = ((key * 104729) % 10**9 + 1) * 100
    if new:
        values = np.where(key % 100 == 7, values + 1, values)  # 1% of values changed
    money = _span_cols("money", docs, j, 1)
    money.update(value=pa.array(values).cast(pa.decimal128(20, 0)).cast(tables.MONEY_TYPE),
                 currency=np.full(len(j), "CNY", dtype=object), qualifier=np.full(len(j), "exact", dtype=object))
    _write("money", money, d / "money.parquet")
    dates = _span_cols("dates", docs, j, 2)
    year = (2000 + j % 30).astype(np.int32)
    days = pc.cast(pa.array([f"{y}-01-01" for y in year]), pa.timestamp("s")).cast(pa.date32())
    gran = np.full(len(j), "year", dtype=object)
    if new:
        gran[key % 100 == 11] = "period"                     # 1% of granularities changed
    dates.update(start_date=days, end_date=days, granularity=gran, relative=np.zeros(len(j), bool))
    _write("dates", dates, d / "dates.parquet")
    doc_ids = [f"doc{i:06d}" for i in range(n_all)]
    sha = [hashlib.sha256(f"{i}{'x' if new and i % 400 == 1 else ''}".encode()).hexdigest() for i in range(n_all)]
    _write("documents", {
        "record_id": _hex(np.arange(n_all), 3), "doc_id": doc_ids, "path": [f"{x}.txt" for x in doc_ids],
        "sha256": sha, "bytes": np.full(n_all, 9000), "chars": np.full(n_all, 3000, np.int32),
        "encoding": ["utf-8"] * n_all, "title": [f"标题{i}" for i in range(n_all)],
        "body_start": np.zeros(n_all, np.int32), "body_end": np.full(n_all, 3000, np.int32)},
        d / "documents.parquet")
    for t in ("codes", "targets", "issues"):
        tables.write_parquet(t, [], d / f"{t}.parquet")
    stats = {}
    for t in TABLES:
        p = d / f"{t}.parquet"
        stats[t] = {"rows": pq.ParquetFile(p).metadata.num_rows,
                    "files": {"parquet": {"bytes": p.stat().st_size, "sha256": file_sha256(p)}}}
    manifest = {"dataset_version": version, "schema_version": SCHEMA_VERSION, "extractor_version": "bench",
                "rules_fingerprint": "0" * 64,
                "inputs": [{"path": f"{x}.txt", "sha256": s, "bytes": 9000, "status": "ok"} for x, s in zip(doc_ids, sha)],
                "tables": stats, "issue_counts": {}, "scores": None}
    (d / naming.MANIFEST).write_text(json.dumps(manifest, indent=2))
    sums = "".join(f"{file_sha256(d / n)}  {n}\n" for n in sorted(os.listdir(d)))
    (d / naming.CHECKSUMS).write_text(sums)


# Linux keeps a process's peak RSS across exec, so a child forked from this (large)
# process would report our own peak: start the command from a small launcher instead.
_LAUNCH = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "r = subprocess.run(sys.argv[1:]).returncode; "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r, "
           "file=sys.stderr)")


def measure(argv: list[str]) -> tuple[float, float, int, int]:
    """Wall seconds, peak RSS in MB, exit status, bytes printed."""
    with tempfile.TemporaryFile() as sink:
        p = subprocess.run([sys.executable, "-c", _LAUNCH, sys.executable, "-m", "extract", *argv], cwd=ROOT,
                           stdout=sink, stderr=subprocess.PIPE, text=True)
        wall, rss, status = p.stderr.strip().splitlines()[-1].split()
        if int(status) == 2:
            raise SystemExit(f"{' '.join(argv)} failed: {p.stderr}")
        return float(wall), int(rss) / 1024, int(status), sink.tell()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000, help="rows of money and of dates per release")
    ap.add_argument("--keep", type=Path, help="write the releases here and keep them")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-diff-"))
    if not naming.releases(work):
        t0 = time.perf_counter()
        make_release(work, "1.0.0", args.rows, new=False)
        make_release(work, "1.1.0", args.rows, new=True)
        print(f"generated two releases of {2 * args.rows:,} span rows each in {time.perf_counter() - t0:.1f} s "
              f"({sum(p.stat().st_size for p in work.rglob('*.parquet')) / 1e6:.0f} MB of Parquet) in {work}")
    runs = [
        ("diff (text, 10 examples each)", ["diff", "--out", str(work)]),
        ("diff --json (every change)", ["diff", "--out", str(work), "--json"]),
        ("diff --table money --json --limit 100", ["diff", "--out", str(work), "--table", "money", "--json",
                                                  "--limit", "100"]),
        ("diff 1.0.0 1.0.0 (same)", ["diff", "1.0.0", "1.0.0", "--out", str(work)]),
        ("verify 1.1.0", ["verify", "1.1.0", "--out", str(work)]),
    ]
    print(f"{'command':42} {'seconds':>8} {'peak MB':>8} {'exit':>4} {'output':>10}")
    for label, argv in runs:
        wall, mb, status, size = measure(argv)
        print(f"{label:42} {wall:8.2f} {mb:8.0f} {status:4d} {size / 1e6:9.1f}M")
    base = measure(["--version"])
    print(f"{'(python -m extract --version, start-up)':42} {base[0]:8.2f} {base[1]:8.0f}")
    if args.keep is None:
        import shutil
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
