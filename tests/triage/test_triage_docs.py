"""docs/triage.md stays in step with the default policy."""

from __future__ import annotations

import re

import yaml
from triage_helpers import REPO_ROOT, make_profile

from bot.triage import DEFAULT_POLICY_PATH, Policy, advise, parse_policy

DOC = (REPO_ROOT / "docs" / "triage.md").read_text(encoding="utf-8")


def test_docs_name_every_rule_of_the_default_policy(policy: Policy) -> None:
    missing = [rule.id for rule in policy.rules if f"`{rule.id}`" not in DOC]
    assert missing == []


def test_docs_state_a_benchmark_figure() -> None:
    assert re.search(r"10,000 mixed .*\*\*\d+\.\d+ s\*\*", DOC)


def test_the_example_rule_in_the_docs_is_a_valid_rule() -> None:
    block = DOC.split("A rule:\n\n```yaml\n", 1)[1].split("```", 1)[0]
    rule = yaml.safe_load(block)[0]
    data = yaml.safe_load(DEFAULT_POLICY_PATH.read_text(encoding="utf-8"))
    route_at = next(i for i, r in enumerate(data["rules"]) if r["stage"] == "route")
    data["rules"].insert(route_at, rule)
    custom = parse_policy(yaml.safe_dump(data, allow_unicode=True), "voorbeeld.yml")
    pupil = make_profile(age=16, school={"type": "PrO"})
    advice = advise(pupil, custom)
    assert advice.route == "niet_klaar"
    assert advice.reasons[0] == "Jonger dan 18 (16); eerst de leerplicht."
    assert "leerplichtambtenaar" in advice.referrals
