"""Every spec case of tests/specs/*.yaml through one runner (tests/specs/runner.py), and the
checks on the cases themselves: format, rule ids, coverage of the rulebook."""
from __future__ import annotations

import re

import pytest

from tests.specs import runner

# At least this many cases per file (the files only grow).
MIN_CASES = {"money": 250, "dates": 244, "codes": 168, "targets": 144, "header": 23, "numerals": 80}
COVERAGE = 0.90  # share of rule ids some case names (issue 11)


@pytest.mark.parametrize("spec", runner.params())
def test_spec(spec):
    runner.check(spec)


@pytest.mark.parametrize("file", runner.FILES)
def test_file_keeps_its_cases(file):
    assert len(runner.load(file)) >= MIN_CASES[file]


@pytest.mark.parametrize("file", [f for f in runner.FILES if runner.SUBJECTS[f].has_rules])
def test_every_expected_record_names_its_rule(file):
    missing = [s.name for s in runner.load(file) for rec in s.case.expect if "rule" not in rec]
    assert not missing, f"expected records without `rule:` in {missing}"


def test_named_rules_exist():
    """A rule or veto named in a case is one of the rulebook's; a case expecting a rule that
    does not exist yet is a known gap (xfail)."""
    known = set(runner.rule_ids())
    unknown = sorted({(s.name, r) for s in runner.all_specs() for r in runner.named_rules(s)
                      if r not in known and not s.case.xfail})
    assert not unknown
    malformed = sorted(r for s in runner.all_specs() for r in runner.named_rules(s)
                       if not re.fullmatch(r"[a-z]+\.[a-z0-9_.]+", r))
    assert not malformed


def test_header_and_numerals_take_no_extractor_context():
    """Context and find/resolve mean nothing to parse_header and parse_number: a case
    there giving them would be silently ignored."""
    for spec in runner.all_specs(("header", "numerals")):
        c = spec.case
        given = [k for k in ("published", "title", "source", "region", "body", "deps", "find", "resolve")
                 if getattr(c, k) is not None]
        assert not given and "reference" not in c.model_fields_set, (spec.name, given)


def test_most_rule_ids_are_named_by_a_case():
    """`grep -r <rule id> tests/specs` lists a rule's cases: at least 90 % of the rule ids
    are named by a case's `rule:` (or `veto:`)."""
    ids = runner.rule_ids()
    named = set().union(*(runner.named_rules(s) for s in runner.all_specs() if not s.case.xfail))
    missing = sorted(set(ids) - named)
    assert len(ids) - len(missing) >= COVERAGE * len(ids), f"no case names {missing}"



@pytest.mark.parametrize("spec", [pytest.param(s, id=s.name) for s in runner.readme_examples()])
def test_readme_examples_run(spec):
    """The example file in tests/specs/README.md is a working spec file."""
    runner.check(spec)


def test_readme_has_examples():
    assert len(runner.readme_examples()) >= 3
