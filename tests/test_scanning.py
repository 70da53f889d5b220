"""extract.scanning changes how fast rules match, never what: for every rule of every rule
file, on every spec text and raw document, its Scanner finds exactly the matches of a plain
`re.finditer` of its pattern, and the anchor windows of money and dates lose no match."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from extract import rulebook, scanning
from extract.extractors import dates, money

HERE = Path(__file__).parent
RULES = rulebook.all_rules()


def _strings(node, out):
    """Every case text of a spec file, whatever its layout (values of `text` / `page`)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("text", "page") and isinstance(v, str):
                out.append(v)
            else:
                _strings(v, out)
    elif isinstance(node, list):
        for v in node:
            _strings(v, out)
    return out


def _texts() -> list[str]:
    out: list[str] = []
    for p in sorted((HERE / "specs").glob("*.yaml")):
        _strings(yaml.safe_load(p.read_text(encoding="utf-8")), out)
    for p in sorted((HERE.parent / "raw").glob("*.txt")):
        out.append(p.read_text(encoding="utf-8"))
    for rule in RULES:  # the rules' own examples and counterexamples
        out.extend(rule.examples)
        out.extend(rule.counterexamples)
    return out


TEXTS = _texts()


def _spans(matches):
    return [(m.start(), m.end(), m.groups()) for m in matches]


def test_the_texts_are_many():
    assert len(TEXTS) > 1000


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_scanner_finds_what_finditer_finds(rule):
    plain = re.compile(rule.pattern)
    for text in TEXTS:
        memo: dict = {}
        for lo, hi in ((0, len(text)), (len(text) // 3, len(text))):
            want = _spans(plain.finditer(text, lo, hi))
            assert _spans(rule.scanner.finditer(text, lo, hi, memo)) == want, text[:60]
            assert _spans(rule.regex.finditer(text, lo, hi)) == want, text[:60]


@pytest.mark.parametrize("pattern", [
    r"(?<![0-9０-９.．])[0-9]+(?:[+＋][0-9NMX]+)+(?![0-9０-９])",   # runs after a refusing lookbehind
    r"(?<![第0-9])(?P<c>[二两三])(?:大|个)[\u4e00-\u9fff]{1,3}",     # a class-led rest after a lookbehind
    r"(?:[0-9]+)(?:%|个百分点)",                                       # required characters, by line
    r"(?:到|至)?(?:19|20)[0-9]{2}年",                                   # first-character lookahead
])
def test_every_strategy_keeps_the_matches(pattern):
    sc = scanning.Scanner(pattern)
    plain = re.compile(pattern)
    for text in TEXTS:
        assert _spans(sc.finditer(text, 0, len(text), {})) == _spans(plain.finditer(text))


@pytest.mark.parametrize("text", TEXTS[:: max(1, len(TEXTS) // 400)])
def test_anchor_windows_lose_no_money_or_date_match(text):
    from extract.context import DocContext

    ctx = DocContext("w", text, 0, len(text))
    for module, rules in ((money, rulebook.load("money").rules), (dates, rulebook.load("dates").rules)):
        windows = module._windows(ctx) if module is money else module._windows(text, 0, len(text))
        for rule in rules:
            full = {m.span() for m in rule.regex.finditer(text)}
            inside = {m.span() for a, b in windows for m in rule.regex.finditer(text, a, b)}
            assert inside == full, (rule.id, text[:40])
