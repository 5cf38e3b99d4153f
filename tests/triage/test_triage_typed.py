"""The typed profile and policy (issue 15, point 4): pydantic models define the shape, the
hand-written readers keep the Dutch errors, and route names come from bot/codes.yml."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from triage_helpers import BASES, load_vignettes, make_profile

from bot.profile import (
    FIELD_KINDS,
    PROFILE_FIELDS,
    Profile,
    ProfileError,
    School,
    validate_profile,
)
from bot.triage import PolicyError, advise, default_policy, parse_policy
from bot.triage.policy import DEFAULT_POLICY_PATH
from bot.triage.policy_schema import PolicyFile, RouteEntry, keys

DEFAULT_TEXT = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")


def test_the_field_table_is_read_from_the_models() -> None:
    assert tuple(Profile.__fields__) == PROFILE_FIELDS
    assert FIELD_KINDS["age"] == ("int", (12, 100))
    assert FIELD_KINDS["hours_per_week"] == ("number", (0, 60))
    assert FIELD_KINDS["wants_to_work"] == ("enum", ("ja", "nee", "twijfel"))
    signals = ("suicide", "violence", "homeless", "other")
    assert FIELD_KINDS["crisis_signals"] == ("enum_list", signals)
    assert FIELD_KINDS["education"] == ("education", ())
    assert FIELD_KINDS["unknown"] == ("names", ())
    assert FIELD_KINDS["school"] == ("school", ())


@pytest.mark.parametrize("base", sorted(BASES))
def test_a_normalised_profile_is_a_valid_model(base: str) -> None:
    normalised = validate_profile(BASES[base])
    typed = Profile.parse_obj(normalised)
    assert typed.dict(exclude_unset=True).keys() <= set(normalised)
    assert validate_profile(typed.dict()) == normalised


def test_every_vignette_profile_is_a_valid_model() -> None:
    for vignette in load_vignettes():
        profile = make_profile(vignette.get("base", "volledig"), **vignette.get("profile", {}))
        Profile.parse_obj(validate_profile(profile))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("crisis", "ja"),
        ("wants_to_work", True),
        ("age", 19.5),
        ("age", 11),
        ("hours_per_week", 61),
        ("benefit", "Wajong"),
        ("life_domains", {"geld": 3}),
        ("life_domains", {"financien": 6}),
        ("crisis_signals", ["brand"]),
    ],
)
def test_model_and_validator_refuse_the_same_strict_values(field: str, value: Any) -> None:
    with pytest.raises(ProfileError):
        validate_profile({field: value})
    with pytest.raises(ValidationError):
        Profile.parse_obj({field: value})


def test_school_model_forbids_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        School.parse_obj({"typ": "VSO"})
    with pytest.raises(ProfileError, match='veld "school.typ"'):
        validate_profile({"school": {"typ": "VSO"}})


# --- the policy -----------------------------------------------------------------------------


def test_route_keys_come_from_the_schema() -> None:
    assert keys(RouteEntry) == {
        "label": False, "label_b1": False, "b1": True, "coach": True, "source": True,
    }  # fmt: skip
    with pytest.raises(PolicyError) as info:
        parse_policy(DEFAULT_TEXT.replace("  wmo:\n", "  wmo:\n    lable: Wmo\n", 1))
    assert info.value.key == "routes.wmo.lable"
    assert info.value.message == 'onbekend veld "lable" (bedoelde je "label"?)'


def test_default_route_names_come_from_the_codes_file() -> None:
    routes = default_policy().routes
    assert routes["wmo"].label == "Eerst ondersteuning (Wmo)"
    assert routes["regulier"].label == "Reguliere dienstverlening"
    assert routes["regulier"].plain_label == "Gewone hulp bij werk zoeken"
    assert routes["ips"].plain_label == "IPS (Individuele Plaatsing en Steun)"


def test_a_municipality_can_still_name_its_routes() -> None:
    text = DEFAULT_TEXT.replace("  wmo:\n", "  wmo:\n    label: Hulp via het wijkteam\n", 1)
    text = text.replace(
        "  regulier:\n", "  regulier:\n    label: Werkzoekend via het UWV\n", 1
    )
    policy = parse_policy(text, "gemeente.yml")
    assert policy.routes["wmo"].label == "Hulp via het wijkteam"
    assert policy.routes["wmo"].plain_label == "Hulp via het wijkteam"
    # Its own name without label_b1: the job seeker reads that name too (as before).
    assert policy.routes["regulier"].plain_label == "Werkzoekend via het UWV"
    advice = advise({**BASES["contract"], "in_ggz_treatment": False}, policy=policy)
    assert advice.route_label == policy.routes[advice.route].label


def test_the_default_policy_file_fits_the_typed_schema() -> None:
    typed = PolicyFile.parse_obj(yaml.safe_load(DEFAULT_TEXT))
    assert set(typed.routes) == set(default_policy().routes)
    assert [r.id for r in typed.rules] == [r["id"] for r in yaml.safe_load(DEFAULT_TEXT)["rules"]]
    assert typed.readiness.kunnen.weights.education > 0
