"""Table tests: the vignettes in vignettes/*.yml, one per rule and per boundary."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from triage_helpers import load_vignettes, make_profile

from bot.triage import Policy, advise

VIGNETTES = load_vignettes()


@pytest.mark.parametrize("vignette", VIGNETTES, ids=[f"{v['file']}:{v['name']}" for v in VIGNETTES])
def test_vignette(vignette: dict[str, Any], policy: Policy) -> None:
    profile = make_profile(vignette.get("base", "volledig"), **vignette.get("profile", {}))
    today = date.fromisoformat(vignette["today"]) if "today" in vignette else None
    advice = advise(profile, policy, today=today).to_dict()
    expect = vignette["expect"]
    fired = [rule["id"] for rule in advice["rules"]]
    warned = [w["id"] for w in advice["warnings"]]

    if "route" in expect:
        assert advice["route"] == expect["route"], advice["reasons"]
    if "urgent" in expect:
        assert advice["urgent"] is expect["urgent"]
    for rule_id in expect.get("rules", []):
        assert rule_id in fired, f"{rule_id} fired not; fired: {fired}"
    for rule_id in expect.get("not_rules", []):
        assert rule_id not in fired, f"{rule_id} fired; fired: {fired}"
    if "first_rule" in expect:
        assert fired[0] == expect["first_rule"], fired
    for warning in expect.get("warnings", []):
        assert warning in warned, f"{warning} not warned; warned: {warned}"
    for warning in expect.get("not_warnings", []):
        assert warning not in warned, f"{warning} warned"
    said = " ".join(advice["reasons_b1"])
    for fragment in expect.get("b1_says", []):
        assert fragment in said, said
    for fragment in expect.get("b1_never_says", []):
        assert fragment not in said, said
    for referral in expect.get("referrals", []):
        assert referral in advice["referrals"]
    if "referrals_exact" in expect:
        assert advice["referrals"] == expect["referrals_exact"]
    if "missing" in expect:
        assert advice["missing"] == expect["missing"]
    if "assumed" in expect:
        assert advice["assumed"] == expect["assumed"]
    if "what_if" in expect:
        if not expect["what_if"]:
            assert advice["what_if"] == []
        for wanted in expect["what_if"]:
            assert any(_matches(item, wanted) for item in advice["what_if"]), (
                wanted,
                advice["what_if"],
            )


def _matches(item: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(item.get(key) == value for key, value in wanted.items())


def test_every_rule_of_the_default_policy_has_a_vignette(policy: Policy) -> None:
    covered = set()
    for vignette in VIGNETTES:
        covered.update(vignette["expect"].get("rules", []))
    uncovered = [r.id for r in policy.rules if r.id not in covered and r.stage != "fallback"]
    assert uncovered == []


def test_every_warning_of_the_default_policy_has_a_vignette(policy: Policy) -> None:
    covered = {w for v in VIGNETTES for w in v["expect"].get("warnings", [])}
    assert [w.id for w in policy.warnings if w.id not in covered] == []


def test_every_route_has_a_vignette() -> None:
    routes = {v["expect"].get("route") for v in VIGNETTES}
    assert {"ips", "jobcoaching", "wmo", "niet_klaar", "regulier"} <= routes
