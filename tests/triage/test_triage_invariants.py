"""Property-based tests (hypothesis) for the promises of issues 3 and 10.

IPS zero exclusion; a crisis is always urgent and its safety reason comes first; every score
is an int in 0–100; more motivation never lowers ``willen``; a worse life-domain score never
raises ``stabiliteit``; the same profile always gives the same advice; one reading of "wants
to work" for every route; EPA + GGZ care + wants or doubts gives IPS or a stated reason why
not; a reason never states a fact that the profile does not hold.
"""

from __future__ import annotations

import copy
import json
import re
from datetime import date
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
from bot.triage import ROUTES, advise, default_policy, parse_policy
from bot.triage.policy import DEFAULT_POLICY_PATH

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
                    "leaving_date": _opt(
                        st.builds(
                            "{}-{:02d}".format, st.integers(2020, 2034), st.integers(1, 12)
                        )
                    ),
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
    # The IPS rule decides; with a crisis the safety reasons stand before it (issue 10).
    assert advice.rules[advice.route_reason][0] == "ips_nul_uitsluiting"


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


# --- issue 10 -------------------------------------------------------------------------------

TODAY = date(2027, 1, 15)
WILL_RULERS = POLICY.params.twijfel_rulers


def _wants_from_rulers(motivation: dict[str, Any] | None) -> bool | None:
    """The documented reading of twijfel: the will rulers, else any answered ruler."""
    answered = {k: v for k, v in (motivation or {}).items() if v is not None}
    chosen = [v for k, v in answered.items() if k in WILL_RULERS] or list(answered.values())
    if not chosen:
        return None
    return sum(chosen) / len(chosen) >= POLICY.params.twijfel_min_motivation


tri_state = st.sampled_from([True, False, None])


@given(
    profiles,
    st.fixed_dictionaries({r: st.integers(0, 10) for r in RULERS}) | rulers,
    tri_state,
    tri_state,
)
def test_one_reading_of_wanting_to_work_for_every_route(
    profile: dict[str, Any], motivation: dict[str, Any], epa: bool | None, ggz: bool | None
) -> None:
    # "twijfel" is settled by the rulers, and then routes exactly as "ja" or "nee" would, IPS
    # included: no route reads the doubt in its own way.
    profile.update(motivation=motivation, severe_mental_illness=epa, in_ggz_treatment=ggz)
    wants = _wants_from_rulers(validate_profile(profile)["motivation"])
    doubt = advise({**profile, "wants_to_work": "twijfel"}, POLICY, today=TODAY)
    if wants is None:
        return  # nothing to settle the doubt with: the engine assumes and says so
    firm = advise({**profile, "wants_to_work": "ja" if wants else "nee"}, POLICY, today=TODAY)
    assert doubt.route == firm.route, (doubt.reasons, firm.reasons)


@given(profiles, st.sampled_from(["ja", "twijfel"]))
def test_epa_in_ggz_care_who_wants_or_doubts_gets_ips_or_a_reason(
    profile: dict[str, Any], answer: str
) -> None:
    profile.update(wants_to_work=answer, severe_mental_illness=True, in_ggz_treatment=True)
    advice = advise(profile, POLICY, today=TODAY)
    if advice.route != "ips":
        ids = [r[0] for r in advice.rules]
        assert "ips_verkennen_bij_twijfel" in ids
        at = ids.index("ips_verkennen_bij_twijfel")
        assert "geen IPS" in advice.reasons[at] and advice.reasons_b1[at]


@given(profiles, st.sampled_from(["flag", "signal", "both"]), st.sampled_from(CRISIS_SIGNALS))
def test_with_a_crisis_the_safety_reason_comes_first(
    profile: dict[str, Any], how: str, signal: str
) -> None:
    if how in ("flag", "both"):
        profile["crisis"] = True
    if how in ("signal", "both"):
        profile["crisis_signals"] = [signal]
    advice = advise(profile, POLICY, today=TODAY)
    assert advice.rules[0][2] == "safety"
    assert advice.rules[0][0] in {"veiligheid_crisis", f"veiligheid_{_SIGNAL_RULE[signal]}"}
    assert advice.reasons[0] and advice.reasons_b1[0]
    assert advice.route_reason > 0


_SIGNAL_RULE = {
    "suicide": "suicide",
    "violence": "geweld",
    "homeless": "dakloos",
    "other": "overig",
}
NO_SAFETY_RULES = parse_policy(
    DEFAULT_POLICY_PATH.read_text(encoding="utf-8").replace(
        "    stage: safety\n", "    stage: referral\n"
    ),
    "zonder-veiligheid.yml",
)


@given(profiles, st.sampled_from(CRISIS_SIGNALS))
def test_a_crisis_reason_comes_first_even_without_safety_rules(
    profile: dict[str, Any], signal: str
) -> None:
    profile["crisis_signals"] = [signal]
    advice = advise(profile, NO_SAFETY_RULES, today=TODAY)
    assert advice.rules[0][0] == NO_SAFETY_RULES.crisis_notice.id
    assert advice.urgent is True


# What a reason may claim, and what the profile must hold for it (coach and B1 wording of the
# default policy). The notes that name assumptions ("Aangenomen, want onbekend", "Nog niet
# bekend") say what was *not* said, so they are left out.
CLAIMS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"(?:^|[.:] )(?:Je wilt werken|Wil werken)\b"),
     lambda p: p["wants_to_work"] == "ja"),
    (re.compile(r"(?:^|[.:] )(?:Je twijfelt|Twijfelt)\b"),
     lambda p: p["wants_to_work"] == "twijfel"),
    (re.compile(r"Je wilt nu niet werken|Wil nu niet werken|niet te willen werken"),
     lambda p: p["wants_to_work"] == "nee"),
    (re.compile(r"Je kunt binnen een half jaar beginnen|Kan binnen zes maanden starten"),
     lambda p: p["can_start_within_6_months"] is True),
    (re.compile(r"niet binnen een half jaar beginnen|niet binnen zes maanden starten"),
     lambda p: p["can_start_within_6_months"] is False),
    (re.compile(r"Kan niet zelfstandig het minimumloon verdienen"),
     lambda p: p["can_earn_minimum_wage_alone"] is False),
    (re.compile(r"Kan (?:mogelijk )?zelfstandig het minimumloon|zelf het minimumloon kunt"),
     lambda p: p["can_earn_minimum_wage_alone"] is True),
    (re.compile(r"Je krijgt hulp van een ggz-team|in zorg bij een ggz-team|In behandeling bij"),
     lambda p: p["in_ggz_treatment"] is True),
    (re.compile(r"Niet in behandeling bij de ggz"), lambda p: p["in_ggz_treatment"] is False),
    (re.compile(r"Heeft een (?:EPA|ernstige psychische)"),
     lambda p: p["severe_mental_illness"] is True),
    (re.compile(r"(?:Je gaat|Gaat) in \w+ \d{4} van school"),
     lambda p: (p["school"] or {}).get("leaving_date") is not None),
    (re.compile(r"Je gaat nog een tijd naar school|Leerling van PrO of VSO"),
     lambda p: (p["school"] or {}).get("type") in ("PrO", "VSO")),
    (re.compile(r"belang en bereidheid zijn hoog genoeg"),
     lambda p: _wants_from_rulers(p["motivation"]) is True),
]  # fmt: skip
_ASSUMPTION_NOTE = re.compile(r" \(Aangenomen, want onbekend: .*?\. Navragen\.\)$")


@given(profiles)
def test_a_reason_never_states_a_fact_the_profile_does_not_hold(profile: dict[str, Any]) -> None:
    normalised = validate_profile(profile)
    advice = advise(profile, POLICY, today=TODAY)
    texts = [
        _ASSUMPTION_NOTE.sub("", text)
        for (rule_id, _, _), coach, b1 in zip(
            advice.rules, advice.reasons, advice.reasons_b1, strict=True
        )
        if rule_id != POLICY.missing_notice.id
        for text in (coach, b1)
    ] + [w.text for w in advice.warnings]
    for text in texts:
        assert text.strip()
        assert "{" not in text  # every placeholder filled
        for pattern, holds in CLAIMS:
            if pattern.search(text):
                assert holds(normalised), (pattern.pattern, text, normalised)


@given(profiles)
def test_the_open_questions_are_named_for_the_job_seeker(profile: dict[str, Any]) -> None:
    advice = advise(profile, POLICY, today=TODAY)
    ids = [r[0] for r in advice.rules]
    if advice.missing:
        said = advice.reasons_b1[ids.index(POLICY.missing_notice.id)]
        assert "Een paar vragen" not in said
        assert said.startswith("Deze vragen zijn nog open: ")


def _plain_what_if(profile: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The what-if list worked out the plain way: every change set decided from scratch."""
    from itertools import combinations

    from bot.triage.engine import _is_unknown
    from bot.triage.facts import build_facts, with_changes

    normalised = validate_profile(profile)
    unknown = [u for u in POLICY.unknowns if _is_unknown(normalised, u.field)]
    assumptions = {u.field: u.assume for u in unknown}
    routed = {**normalised, **assumptions}
    facts = with_changes(
        build_facts(normalised, POLICY.params, TODAY), normalised, assumptions, POLICY.params
    )

    def route_of(changes: dict[str, Any]) -> str:
        changed = with_changes(facts, routed, changes, POLICY.params)
        for rule in (POLICY.ips_rule, *POLICY.route_rules):
            if rule.test(changed) is True:  # type: ignore[misc]
                return rule.route or "ips"
        return POLICY.fallback.route or "niet_klaar"

    route = route_of({})
    out, singles = [], {}
    for u in unknown:
        for i, alt in enumerate(u.alternatives):
            singles[(u.field, i)] = other = route_of({u.field: alt.value})
            if other != route:
                out.append((u.field, alt.value, other, None))
    for a, b in combinations(unknown, 2):
        for i, alt_a in enumerate(a.alternatives):
            for j, alt_b in enumerate(b.alternatives):
                other = route_of({a.field: alt_a.value, b.field: alt_b.value})
                if other not in (route, singles[(a.field, i)], singles[(b.field, j)]):
                    out.append((a.field, alt_a.value, other, {b.field: alt_b.value}))
    return out


@given(profiles)
def test_the_fast_what_if_analysis_equals_the_plain_one(profile: dict[str, Any]) -> None:
    # The engine skips deciders whose facts did not change and remembers analyses; the
    # answer must be exactly what deciding every change set from scratch gives.
    POLICY.memo.clear()
    advice = advise(profile, POLICY, today=TODAY)
    fast = [(w.field, w.value, w.route, w.also) for w in advice.what_if]
    assert fast == _plain_what_if(profile)
    again = advise(profile, POLICY, today=TODAY)  # now from the memo
    assert again.what_if == advice.what_if and again.route == advice.route


@given(
    profiles,
    st.fixed_dictionaries({r: st.integers(0, 10) for r in RULERS}) | rulers,
    st.integers(12, 100),
    st.sampled_from(EDUCATION_LEVELS),
    st.booleans(),
)
def test_a_remembered_analysis_is_only_reused_where_it_gives_the_same_advice(
    profile: dict[str, Any],
    other_rulers: dict[str, Any],
    age: int,
    education: str,
    wish_unknown: bool,
) -> None:
    # The memo is shared between profiles that agree on what the deciders can see; advising
    # a neighbour first must never change the advice. With the wish unknown, the rulers
    # decide what "twijfel" would mean: the what-if list must follow them.
    if wish_unknown:
        profile["wants_to_work"] = None
    neighbour = {**profile, "motivation": other_rulers, "age": age, "education": education}
    POLICY.memo.clear()
    advise(profile, POLICY, today=TODAY)
    shared = advise(neighbour, POLICY, today=TODAY).to_dict()
    POLICY.memo.clear()
    assert advise(neighbour, POLICY, today=TODAY).to_dict() == shared
