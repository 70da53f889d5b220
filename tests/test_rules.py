"""Rule data lint: every rule file loads, ids are unique and well-formed, and every
rule finds its examples and none of its counterexamples."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from extract import rulebook

RULES = rulebook.all_rules()


def test_rule_ids_are_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", rulebook.rule_file_names())
def test_rule_ids_carry_their_file_name(name):
    prefix = name.split("_")[0]
    for rule in rulebook.load(name).rules:
        assert rule.id.startswith(prefix + "."), rule.id


def _cases(kind):
    for rule in RULES:
        for i, text in enumerate(getattr(rule, kind)):
            yield pytest.param(rule, text, id=f"{rule.id}-{i}")


@pytest.mark.parametrize("rule,text", list(_cases("examples")))
def test_rule_finds_its_example(rule, text):
    assert rule.regex.search(text), f"{rule.id} does not match its example {text!r}"


@pytest.mark.parametrize("rule,text", list(_cases("counterexamples")))
def test_rule_rejects_its_counterexample(rule, text):
    m = rule.regex.search(text)
    assert m is None, f"{rule.id} matches its counterexample {text!r} at {m.group(0)!r}"


def _fingerprint_of(monkeypatch, folders: dict) -> str:
    """rulebook.fingerprint over copies of the rule and data packages (uncached)."""
    monkeypatch.setattr(rulebook.resources, "files", lambda package: folders[package])
    return rulebook.fingerprint.__wrapped__()


def test_fingerprint_follows_every_rule_and_data_file(tmp_path, monkeypatch):
    """The release manifest's rules fingerprint changes when any rule or data file does,
    and only then."""
    folders = {}
    for package in (rulebook.RULES_PACKAGE, "extract.data"):
        folders[package] = tmp_path / package
        shutil.copytree(Path(rulebook.resources.files(package)), folders[package])
    real = rulebook.fingerprint()
    assert re.fullmatch("[0-9a-f]{64}", real)
    assert _fingerprint_of(monkeypatch, folders) == real  # the same files: the same fingerprint
    files = [f for d in folders.values() for f in sorted(d.iterdir()) if f.suffix in (".yaml", ".csv", ".txt")]
    assert {f.stem for f in files} >= set(rulebook.rule_file_names()) | {"initiatives"}
    for f in files:
        data = f.read_bytes()
        f.write_bytes(data + b"\n")
        assert _fingerprint_of(monkeypatch, folders) != real, f"{f.name} is not in the fingerprint"
        f.write_bytes(data)
    (folders["extract.data"] / "notes.md").write_text("not data")  # docs are not data
    assert _fingerprint_of(monkeypatch, folders) == real


WORDS = ["万元", "万亿元", "元", "亿元", "重庆", "重庆市", "重阳", "a.b", "(x)", "元宵"]


@pytest.mark.parametrize("text", ["2万亿元", "3万元", "5元", "重庆市区", "重阳节", "a.b", "axb", "(x)",
                                  "元宵节", "万亿", "亿元"])
def test_word_lists_match_like_a_longest_first_alternation(text):
    plain = re.compile("|".join(re.escape(w) for w in sorted(WORDS, key=lambda w: (-len(w), w))))
    trie = re.compile(rulebook.alternation(WORDS))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    suffixed = re.compile(rulebook.alternation(WORDS) + "(?:市|节)")  # backtracking into a shorter word
    assert [m.span() for m in suffixed.finditer(text)] == \
        [m.span() for m in re.compile("(?:" + plain.pattern + ")(?:市|节)").finditer(text)]


@pytest.mark.parametrize("rule,text", [pytest.param(r, t, id=f"{r.id}-{i}") for r in RULES if r.first
                                        for i, t in enumerate(r.examples + r.counterexamples)])
def test_first_character_anchor_loses_no_match(rule, text):
    """The rulebook leads each pattern with a lookahead on its possible first characters;
    the pattern without it must find exactly the same spans."""
    free = re.compile(rule.pattern)
    assert [m.span() for m in free.finditer(text)] == [m.span() for m in rule.regex.finditer(text)]


def test_most_rules_get_a_first_character_anchor():
    assert sum(1 for r in RULES if r.first) >= 0.9 * len(RULES)
