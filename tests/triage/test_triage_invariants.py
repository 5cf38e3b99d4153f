"""Property-based tests (hypothesis) for the promises of issue 3.

IPS zero exclusion; a crisis is always urgent; every score is an int in 0–100; more
motivation never lowers ``willen``; a worse life-domain score never raises ``stabiliteit``;
the same profile always gives the same advice.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.profile import (
    BENEFITS,
    CRISIS_SIGNALS,
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    LIFE_DOMAINS,
    RULERS,
    SCHOOL_TYPES,
    UITSTROOMPROFIELEN,
    WANTS_TO_WORK,
    validate_profile,
)
from bot.triage import ROUTES, advise, default_policy

POLICY = default_policy()
settings.register_profile("triage", max_examples=150, deadline=None)
settings.load_profile("triage")


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz éë'", min_size=1, max_size=12)
rulers = st.fixed_dictionaries({}, optional={r: _opt(st.integers(0, 10)) for r in RULERS})

profiles = st.fixed_dictionaries(
    {},
    optional={
        "respondent": _opt(st.sampled_from(["self", "school"])),
        "age": _opt(st.integers(12, 100)),
        "school": _opt(
            st.fixed_dictionaries(
                {},
                optional={
                    "type": _opt(st.sampled_from(SCHOOL_TYPES)),
                    "uitstroomprofiel": _opt(st.sampled_from(UITSTROOMPROFIELEN)),
                },
            )
        ),
        "benefit": _opt(st.sampled_from(BENEFITS)),
        "droombaan": _opt(words),
        "wants_to_work": _opt(st.sampled_from(WANTS_TO_WORK)),
        "motivation": _opt(rulers),
        "work_values": _opt(st.lists(words, max_size=3)),
        "education": _opt(st.sampled_from(EDUCATION_LEVELS) | words),
        "work_experience": _opt(st.lists(words, max_size=4)),
        "skills": _opt(st.lists(words, max_size=4)),
        "hours_per_week": _opt(st.integers(0, 60) | st.floats(0, 60)),
        "can_start_within_6_months": _opt(st.booleans()),
        "can_earn_minimum_wage_alone": _opt(st.booleans()),
        "support_needs": _opt(
            st.lists(st.sampled_from(["vacatures zoeken", "cv", "inwerken op de werkvloer"]))
        ),
        "in_ggz_treatment": _opt(st.booleans()),
        "severe_mental_illness": _opt(st.booleans()),
        "life_domains": _opt(
            st.dictionaries(st.sampled_from(LIFE_DOMAINS), st.integers(1, 5), max_size=10)
        ),
        "crisis": _opt(st.booleans()),
        "crisis_signals": _opt(st.lists(st.sampled_from(CRISIS_SIGNALS), max_size=3)),
        "employee_skills": _opt(st.sampled_from(EMPLOYEE_SKILLS)),
        "wants_human": _opt(st.booleans()),
    },
)


@given(profiles)
def test_ips_zero_exclusion(profile: dict[str, Any]) -> None:
    profile.update(wants_to_work="ja", severe_mental_illness=True, in_ggz_treatment=True)
    advice = advise(profile, POLICY)
    assert advice.route == "ips"
    assert advice.rules[0][0] == "ips_nul_uitsluiting"


@given(profiles, st.sampled_from(["flag", "signal", "both"]), st.sampled_from(CRISIS_SIGNALS))
def test_crisis_is_always_urgent(profile: dict[str, Any], how: str, signal: str) -> None:
    if how in ("flag", "both"):
        profile["crisis"] = True
    if how in ("signal", "both"):
        profile["crisis_signals"] = [signal]
    assert advise(profile, POLICY).urgent is True


@given(profiles)
def test_scores_are_ints_within_0_100(profile: dict[str, Any]) -> None:
    readiness = advise(profile, POLICY).to_dict()["readiness"]
    assert set(readiness) == {"score", "willen", "kunnen", "stabiliteit"}
    for value in readiness.values():
        assert type(value) is int
        assert 0 <= value <= 100


@given(profiles, st.sampled_from(RULERS), st.integers(0, 10), st.integers(0, 10))
def test_more_motivation_never_lowers_willen(
    profile: dict[str, Any], ruler: str, a: int, b: int
) -> None:
    low, high = sorted((a, b))
    motivation = dict(profile.get("motivation") or {})
    lower = {**profile, "motivation": {**motivation, ruler: low}}
    higher = {**profile, "motivation": {**motivation, ruler: high}}
    assert advise(higher, POLICY).readiness.willen >= advise(lower, POLICY).readiness.willen


@given(profiles)
def test_a_firmer_yes_never_lowers_willen(profile: dict[str, Any]) -> None:
    scores = [
        advise({**profile, "wants_to_work": answer}, POLICY).readiness.willen
        for answer in ("nee", "twijfel", "ja")
    ]
    assert scores == sorted(scores)


@given(profiles, st.sampled_from(LIFE_DOMAINS), st.integers(1, 5), st.integers(1, 5))
def test_worse_life_domain_never_raises_stabiliteit(
    profile: dict[str, Any], domain: str, a: int, b: int
) -> None:
    worse, better = sorted((a, b))
    domains = dict(profile.get("life_domains") or {})
    worse_profile = {**profile, "life_domains": {**domains, domain: worse}}
    better_profile = {**profile, "life_domains": {**domains, domain: better}}
    assert (
        advise(worse_profile, POLICY).readiness.stabiliteit
        <= advise(better_profile, POLICY).readiness.stabiliteit
    )


@given(profiles)
def test_same_profile_same_advice(profile: dict[str, Any]) -> None:
    first = advise(profile, POLICY).to_dict()
    again = advise(copy.deepcopy(profile), POLICY).to_dict()
    reordered = advise(dict(reversed(list(profile.items()))), POLICY).to_dict()
    normalised = advise(validate_profile(profile), POLICY).to_dict()
    assert first == again == reordered == normalised
    # The output is plain JSON and does not share state with the engine.
    assert json.loads(json.dumps(first)) == first


@given(profiles)
def test_advice_is_well_formed(profile: dict[str, Any]) -> None:
    advice = advise(profile, POLICY).to_dict()
    assert advice["route"] in ROUTES
    assert advice["route_label"] == POLICY.routes[advice["route"]].label
    assert len(advice["reasons"]) == len(advice["reasons_b1"]) == len(advice["rules"]) >= 1
    assert all(r["source"] for r in advice["rules"])
    assert len(advice["referrals"]) == len(set(advice["referrals"]))
    normalised = validate_profile(profile)
    for name in advice["missing"]:
        value = normalised[name]
        assert value is None or all(v is None for v in value.values()), name
    for item in advice["what_if"]:
        assert item["route"] != advice["route"]
        assert item["field"] in advice["missing"]
        assert item["text"].startswith("Als ") and item["text"].endswith(" zijn.")


@given(profiles)
def test_validation_is_idempotent(profile: dict[str, Any]) -> None:
    once = validate_profile(profile)
    assert validate_profile(once) == once


@given(profiles)
def test_known_answers_make_no_what_if(profile: dict[str, Any]) -> None:
    profile.update(
        wants_to_work=profile.get("wants_to_work") or "ja",
        motivation={"importance": 5, "confidence": 5, "readiness": 5},
        can_start_within_6_months=bool(profile.get("can_start_within_6_months")),
        can_earn_minimum_wage_alone=bool(profile.get("can_earn_minimum_wage_alone")),
        severe_mental_illness=bool(profile.get("severe_mental_illness")),
        in_ggz_treatment=bool(profile.get("in_ggz_treatment")),
        support_needs=profile.get("support_needs") or [],
    )
    advice = advise(profile, POLICY)
    assert advice.missing == ()
    assert advice.what_if == ()
