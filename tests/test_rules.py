"""Rule data lint: every rule file loads, ids are unique and well-formed, and every
rule finds its examples and none of its counterexamples."""
from __future__ import annotations

import re

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


def test_fingerprint_is_stable():
    assert rulebook.fingerprint() == rulebook.fingerprint()
    assert len(rulebook.fingerprint()) == 64


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
