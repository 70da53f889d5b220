"""Rule data lint: every rule file loads, ids are unique and well-formed, and every
rule finds its examples and none of its counterexamples."""
from __future__ import annotations

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


def test_word_lists_expand_longest_first():
    assert rulebook.alternation(["万元", "万亿元", "元"]) == "(?:万亿元|万元|元)"
