"""Load the rule files (extract/rules/*.yaml): fragments, word lists and rules.

A rule file is data an annotator can edit:

    fragments:            # named regex pieces, used in patterns as {name}
      arabic: '[0-9０-９]+'
    words:                # word lists; {words.name} in a pattern is their alternation
      currency: {元: CNY, 美元: USD}
    rules:
      - id: money.amount               # stable: it is written on every record
        pattern: '{money_fig}{words.money_currency}'
        examples: ['2000亿元']          # must match (a test runs them)
        counterexamples: ['33618']     # must not match

Fragments are global: a pattern may use one defined in any rule file (names are
unique across files, a test checks it). `{name}` is only a reference when name is
an identifier, so regex counts such as `{2,4}` are left alone. Word lists expand
longest match first, so `万亿元` wins over `万元`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

import yaml

from extract import scanning
from schema.rules import FILE_MODELS, RuleFileModel

RULES_PACKAGE = "extract.rules"
# libyaml's loader when PyYAML was built with it (ten times faster at start-up), else the pure one.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REF = re.compile(r"\{([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)?)\}")


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: str  # expanded
    regex: re.Pattern  # compiled, led by a lookahead on the possible first characters
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    first: str | None = None  # the character class of possible first characters, if bounded

    @cached_property
    def scanner(self) -> scanning.Scanner:
        """The rule's fastest equivalent of `re.finditer` (extract.scanning), built on first use."""
        return scanning.Scanner(self.pattern)


@dataclass(frozen=True)
class RuleFile:
    name: str
    words: dict[str, Any]
    rules: tuple[Rule, ...]
    data: dict[str, Any]  # the whole parsed file, for extractor-specific tables

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def rule_file_names() -> list[str]:
    return sorted(p.name[: -len(".yaml")] for p in resources.files(RULES_PACKAGE).iterdir()
                  if p.name.endswith(".yaml"))


@lru_cache(maxsize=None)
def _raw(name: str) -> dict[str, Any]:
    text = resources.files(RULES_PACKAGE).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_YAML_LOADER) or {}
    FILE_MODELS.get(name, RuleFileModel).model_validate(data)  # fails loudly on a malformed rule file
    return data


@lru_cache(maxsize=None)
def _fragments() -> dict[str, str]:
    out: dict[str, str] = {}
    for name in rule_file_names():
        for key, value in (_raw(name).get("fragments") or {}).items():
            if key in out:
                raise ValueError(f"fragment {key!r} defined twice (second time in {name}.yaml)")
            out[key] = str(value)
    return out


@lru_cache(maxsize=None)
def _word_lists() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in rule_file_names():
        for key, value in (_raw(name).get("words") or {}).items():
            out[key] = list(value)
    return out


def alternation(words) -> str:
    """A regex matching any of `words`, preferring the longest, shaped as a trie.

    It matches what the longest-first alternation `万亿元|万元|元` matches, with the
    same backtracking, but the engine follows one branch per character instead of
    trying every word at every position.

    >>> alternation(["万元", "万亿元", "元"])
    '(?:万(?:亿元|元)|元)'
    >>> alternation(["重庆", "重庆市", "重阳"])
    '(?:重(?:庆(?:市)?|阳))'
    """
    trie: dict = {}
    for w in sorted(set(words)):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + "|".join(_branches(trie)) + ")"


def _branches(node: dict) -> list[str]:
    return [re.escape(ch) + _trie(child) for ch, child in sorted(node.items()) if ch]


def _trie(node: dict) -> str:
    branches = _branches(node)
    if not branches:
        return ""
    if "" in node:  # a word may end here: longer continuations first, then stop
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def expand(pattern: str, _depth: int = 0) -> str:
    """Replace {fragment} and {words.list} references, recursively."""
    if _depth > 20:
        raise ValueError(f"fragment references nest too deep in {pattern!r}")
    fragments, words = _fragments(), _word_lists()

    def sub(m: re.Match) -> str:
        ref = m.group(1)
        if ref.startswith("words."):
            key = ref[len("words."):]
            if key not in words:
                raise KeyError(f"unknown word list {key!r}")
            return alternation(words[key])
        if ref not in fragments:
            raise KeyError(f"unknown fragment {ref!r}")
        return "(?:" + expand(fragments[ref], _depth + 1) + ")"

    return _REF.sub(sub, pattern)


first_chars = scanning.first_chars
compile = scanning.compile


@lru_cache(maxsize=None)
def load(name: str) -> RuleFile:
    return build(name, _raw(name))


def build(name: str, data: dict[str, Any]) -> RuleFile:
    """The rule file `name` from its parsed data (a test builds one from an edited copy)."""
    rules = []
    for item in data.get("rules") or []:
        expanded = expand(item["pattern"])
        first = first_chars(expanded)
        try:
            regex = compile(expanded)
        except re.error as exc:
            raise ValueError(f"rule {item['id']}: bad pattern: {exc}") from exc
        meta = {k: v for k, v in item.items() if k not in ("id", "pattern", "examples", "counterexamples")}
        rules.append(Rule(item["id"], expanded, regex, tuple(item.get("examples") or ()),
                          tuple(item.get("counterexamples") or ()), meta, first))
    return RuleFile(name, dict(data.get("words") or {}), tuple(rules), data)


def all_rules() -> list[Rule]:
    return [r for name in rule_file_names() for r in load(name).rules]


@lru_cache(maxsize=None)
def fingerprint() -> str:
    """sha256 over every rule file and shipped data file, by name and content."""
    h = hashlib.sha256()
    for package in (RULES_PACKAGE, "extract.data"):
        for p in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if p.name.endswith((".yaml", ".csv", ".txt")):
                h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()
