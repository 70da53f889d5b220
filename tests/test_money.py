"""The money extractor beyond its spec cases (tests/specs/money.yaml, run by tests/test_specs.py):
determinism, and find's anchor windows against a scan of the whole body."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.context import DocContext
from extract.extractors import money
from tests.specs import runner
from tests.support import extract


def _ctx(text: str) -> DocContext:
    return DocContext("spec", text, 0, len(text))


def test_extract_is_deterministic_and_sorted():
    text = "投入2000亿元,营收超20亿元,补助1万-5万元,拿下千万级批量订单。" * 3
    a, b = extract("money", _ctx(text)), extract("money", _ctx(text))
    assert a == b
    assert [(r["start"], r["end"]) for r in a] == sorted((r["start"], r["end"]) for r in a)


def _find_without_windows(ctx):
    """The rules run over the whole body (what find's anchor windows must reproduce)."""
    out = []
    for rule in money._book().rules:
        for m in rule.regex.finditer(ctx.text, ctx.body_start, ctx.body_end):
            out.append((rule.id, m.start(), m.end()))
    return sorted(out)


def _find_with_windows(ctx):
    return sorted((rule.id, m.start(), m.end()) for rule in money._book().rules
                  for a, b in money._windows(ctx) for m in rule.regex.finditer(ctx.text, a, b))


@pytest.mark.parametrize("text", [pytest.param(s.case.text, id=s.name) for s in runner.load("money")
                                  if not s.case.xfail])
def test_anchor_windows_lose_nothing_on_specs(text):
    ctx = _ctx(text)
    assert _find_with_windows(ctx) == _find_without_windows(ctx)


@pytest.mark.parametrize("path", sorted((Path(__file__).parent.parent / "raw").glob("*.txt")),
                         ids=lambda p: p.stem)
def test_anchor_windows_lose_nothing_on_raw(path):
    text = path.read_text(encoding="utf-8")
    ctx = DocContext(path.stem, text, 0, len(text))
    assert _find_with_windows(ctx) == _find_without_windows(ctx)
