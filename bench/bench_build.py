"""Throughput and memory of a full build (not a test; numbers go in the notes).

    python bench/bench_build.py [--mb 10] [--keep]

Builds a corpus of at least --mb megabytes by repeating the documents of raw/
with variations (every figure rewritten by a seeded generator, paragraphs
rotated), runs one full `build_release` on it in this process (one core), and
prints characters per second, the time spent in each stage and the peak memory.
Budget: at least 1,000,000 characters per second for the whole build.
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract import extractors, pipeline  # noqa: E402
from extract.release import BuildConfig, build_release  # noqa: E402

_DIGITS = re.compile(r"[0-9]+")


def make_corpus(raw: Path, dest: Path, megabytes: float, seed: int = 7) -> tuple[int, int]:
    """Write varied copies of raw/*.txt into dest until it holds `megabytes`; (files, chars)."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted(raw.glob("*.txt"))]
    total_bytes = chars = files = 0
    while total_bytes < megabytes * 1024 * 1024:
        text = sources[files % len(sources)]
        # Vary the figures (same length, so dates stay dates and amounts amounts) …
        text = _DIGITS.sub(lambda m: str(rng.randrange(10 ** (len(m.group()) - 1), 10 ** len(m.group())))
                           if len(m.group()) > 1 else str(rng.randrange(1, 10)), text)
        # … and the order of the article's paragraphs (header and footer stay in place).
        paras = text.split("\n\n")
        if len(paras) > 6:
            k = rng.randrange(1, 4)
            middle = paras[3:-3]
            paras = paras[:3] + middle[k:] + middle[:k] + paras[-3:]
        text = "\n\n".join(paras)
        path = dest / f"{files // 500:03d}" / f"doc{files:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total_bytes += len(data)
        chars += len(text)
        files += 1
    return files, chars


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes (default 10)")
    ap.add_argument("--keep", action="store_true", help="keep the corpus and release in bench/")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="extract-bench-"))
    corpus, out = work / "corpus", work / "out"
    files, chars = make_corpus(ROOT / "raw", corpus, args.mb)
    size = sum(p.stat().st_size for p in corpus.rglob("*.txt"))

    # Time each stage by wrapping the extractor modules' extract() and the header parser.
    stage_time: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                stage_time[name] = stage_time.get(name, 0.0) + time.perf_counter() - t
        return wrapper

    for ex in extractors.ordered():
        ex.extract = timed(ex.table, ex.extract)
    pipeline.header_mod.parse_header = timed("header", pipeline.header_mod.parse_header)
    pipeline.build_context = timed("context (header+region)", pipeline.build_context)

    start = time.perf_counter()
    result = build_release(BuildConfig(raw_dir=corpus, out_dir=out, version="0.0.1", log=open("/dev/null", "w")))
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {files} documents, {size / 1024 / 1024:.1f} MB, {chars:,} characters")
    print(f"build: {elapsed:.2f} s, {chars / elapsed:,.0f} characters/s, {files / elapsed:,.0f} documents/s")
    rows = ", ".join(f"{t} {n}" for t, n in result.rows.items())
    print(f"rows: {rows}")
    for name, t in sorted(stage_time.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24} {t:7.2f} s  {chars / t:>14,.0f} chars/s")
    print(f"  {'the rest (write, sort, validate)':24} {elapsed - sum(v for k, v in stage_time.items() if k != 'header'):7.2f} s")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    print("budget: 1,000,000 characters/s —", "met" if chars / elapsed >= 1_000_000 else "NOT met")
    if args.keep:
        dest = ROOT / "bench" / "out"
        shutil.rmtree(dest, ignore_errors=True)
        shutil.move(str(work), dest)
        print(f"kept in {dest}")
    else:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
