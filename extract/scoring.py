"""Precision, recall and F1 of a build against gold annotations.

The matching rules are those of GUIDELINES.md ("Matching, for scores") and of the
project's reference scorer (shared/gold/score.py); a test checks both agree when
the reference scorer is present. Used to put the scores on the dataset card. Which
tables are scored, and which fields must agree, is schema.registry's `GoldMatch`.
"""
from __future__ import annotations

import json
from pathlib import Path

from schema import SCORED, table
from schema.registry import GoldMatch


def _close(a, b, tol=0.005) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return a == 0 if b == 0 else abs(a - b) <= tol * abs(b)


def _key_match(how: GoldMatch, pred: dict, gold: dict) -> bool:
    return (all(str(pred.get(f)) == str(gold[f]) for f in how.same)
            and all(_close(pred.get(f), gold[f]) for f in how.close))


def _overlaps(pred: dict, gold: dict) -> bool:
    s, e = pred.get("start"), pred.get("end")
    return s is not None and e is not None and s < gold["end"] and gold["start"] < e


def _match(how: GoldMatch, preds: list[dict], golds: list[dict]) -> int:
    used: set[int] = set()
    tp = 0
    for g in golds:
        for i, p in enumerate(preds):
            if i not in used and _key_match(how, p, g) and (not how.overlap or _overlaps(p, g)):
                used.add(i)
                tp += 1
                break
    return tp


def score(tables: dict[str, list[dict]], documents: list[dict], gold_dir: Path) -> dict | None:
    """Scores per record type over the gold files whose document is in the build; None if none is."""
    by_name = {Path(d["path"]).name: d["doc_id"] for d in documents}
    totals = {t: [0, 0, 0] for t in SCORED}
    scored = 0
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc_id = by_name.get(gold.get("doc"))
        if doc_id is None:
            continue
        scored += 1
        for t in SCORED:
            how = table(t).gold
            preds = [r for r in tables[t] if r["doc_id"] == doc_id]
            if how.distinct:
                first: dict[str, dict] = {}
                for r in preds:
                    first.setdefault(str(r[how.distinct]), r)  # one prediction per distinct value
                preds = list(first.values())
            golds = gold.get(t, [])
            totals[t][0] += _match(how, preds, golds)
            totals[t][1] += len(preds)
            totals[t][2] += len(golds)
    if not scored:
        return None
    out: dict = {"documents": scored}
    for t, (tp, n_pred, n_gold) in totals.items():
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[t] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                  "tp": tp, "predicted": n_pred, "gold": n_gold}
    return out
