"""validate_profile: normalisation and one test per kind of bad value, with boundaries."""

from __future__ import annotations

from typing import Any

import pytest
from triage_helpers import BASES

from bot.profile import (
    FIELD_LABELS,
    LIFE_DOMAIN_LABELS,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    ProfileError,
    validate_profile,
)


def test_life_domains_follow_the_contract_order() -> None:
    assert LIFE_DOMAINS == (
        "financien", "wonen", "gezondheid", "psychisch", "verslaving",
        "thuis", "netwerk", "justitie", "vervoer", "dagbesteding",
    )  # fmt: skip
    assert set(LIFE_DOMAIN_LABELS) == set(LIFE_DOMAINS)
    assert LIFE_DOMAIN_LABELS["financien"] == "geld en schulden"
    assert set(FIELD_LABELS) == set(PROFILE_FIELDS)


def test_empty_profile_has_every_field() -> None:
    out = validate_profile({})
    assert set(out) == set(PROFILE_FIELDS)
    assert out["life_domains"] == {}
    assert all(out[f] is None for f in PROFILE_FIELDS if f != "life_domains")


def test_contract_example_is_valid_and_kept() -> None:
    out = validate_profile(BASES["contract"])
    assert out["school"] == {
        "type": "VSO",
        "uitstroomprofiel": "arbeidsmarkt",
        "name": None,
        "leaving_date": None,
    }
    assert out["motivation"] == {"importance": 8, "confidence": 6, "readiness": 7}
    assert out["life_domains"] == {"financien": 3, "wonen": 4}
    assert out["hours_per_week"] == 24


def test_validation_is_idempotent() -> None:
    once = validate_profile(BASES["contract"])
    assert validate_profile(once) == once


# Strict JSON (the CLI and the API) tidies only what carries no meaning.
@pytest.mark.parametrize(
    ("field", "raw", "normalised"),
    [
        ("wants_to_work", "twijfel", "twijfel"),
        ("can_earn_minimum_wage_alone", False, False),
        ("age", 19.0, 19),  # JSON has one number type: 19.0 is 19
        ("hours_per_week", 22.5, 22.5),
        ("education", "MBO niveau 2", "mbo2"),  # education is free text: a known level's spelling
        ("education", "mbo-3", "mbo3"),
        ("education", "pro", "PrO"),
        ("education", "Praktijkonderwijs", "PrO"),
        ("education", "vmbo", "vmbo"),
        ("education", "Entree", "entree"),
        ("education", "kappersopleiding in Turkije", "kappersopleiding in Turkije"),
        ("education", "  ", None),
        ("droombaan", "  kok  ", "kok"),
        ("crisis_signals", ["suicide", "violence", "violence"], ["suicide", "violence"]),
        ("skills", ["koken", "", "koken", "tillen"], ["koken", "tillen"]),
        ("unknown", ["hours_per_week"], ["hours_per_week"]),
        ("name", "Anna", "Anna"),
        ("wants_human", True, True),
    ],
)
def test_normalisation(field: str, raw: Any, normalised: Any) -> None:
    assert validate_profile({field: raw})[field] == normalised


# Lenient reading (CSV cells and chat answers): text as people and spreadsheets write it.
@pytest.mark.parametrize(
    ("field", "raw", "normalised"),
    [
        ("wants_to_work", "JA", "ja"),
        ("wants_to_work", True, "ja"),
        ("wants_to_work", False, "nee"),
        ("wants_to_work", " Twijfel ", "twijfel"),
        ("wants_to_work", "weet ik niet", None),
        ("can_earn_minimum_wage_alone", "nee", False),
        ("can_earn_minimum_wage_alone", "Ja", True),
        ("can_earn_minimum_wage_alone", "onbekend", None),
        ("crisis", "1", True),
        ("crisis", "0", False),
        ("age", "19", 19),
        ("hours_per_week", "22,5", 22.5),
        ("employee_skills", "Wisselend", "wisselend"),
        ("benefit", "Wajong", "wajong"),
        ("respondent", "School", "school"),
        ("crisis_signals", ["Suicide", "violence", "violence"], ["suicide", "violence"]),
        ("wants_human", "ja", True),
    ],
)
def test_lenient_normalisation(field: str, raw: Any, normalised: Any) -> None:
    assert validate_profile({field: raw}, lenient=True)[field] == normalised


# The same values in JSON are errors that name the field (the input rule, docs/triage.md).
@pytest.mark.parametrize(
    ("profile", "path", "fragment"),
    [
        ({"wants_to_work": True}, "wants_to_work", "niet true"),
        ({"wants_to_work": "JA"}, "wants_to_work", 'bedoelde je "ja"'),
        ({"wants_to_work": "weet ik niet"}, "wants_to_work", "kies uit: ja, nee, twijfel"),
        ({"can_earn_minimum_wage_alone": "ja"}, "can_earn_minimum_wage_alone", "true of false"),
        ({"crisis": "nee"}, "crisis", 'niet de tekst "nee"'),
        ({"crisis": "1"}, "crisis", 'niet de tekst "1"'),
        ({"crisis": 1}, "crisis", "niet het getal 1"),
        ({"in_ggz_treatment": "onbekend"}, "in_ggz_treatment", "true of false"),
        ({"age": "19"}, "age", 'niet de tekst "19"'),
        ({"hours_per_week": "22,5"}, "hours_per_week", "verwacht een getal"),
        ({"benefit": "Wajong"}, "benefit", 'bedoelde je "wajong"'),
        ({"crisis_signals": ["Suicide"]}, "crisis_signals[0]", 'bedoelde je "suicide"'),
        ({"motivation": {"importance": "8"}}, "motivation.importance", "geheel getal"),
        ({"life_domains": {"Financiën": 2}}, "life_domains.Financiën", 'bedoelde je "financien"'),
        ({"life_domains": {"psychisch": "3"}}, "life_domains.psychisch", "geheel getal"),
        ({"school": {"leaving_date": "juli 2026"}}, "school.leaving_date", '"2026-07"'),
        ({"school": {"leaving_date": 2026}}, "school.leaving_date", "niet het getal 2026"),
    ],
)
def test_strict_json_refuses_what_lenient_reading_accepts(
    profile: dict[str, Any], path: str, fragment: str
) -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile(profile)
    message = dict(info.value.errors)[path]
    assert fragment in message, message


def test_nested_normalisation() -> None:
    out = validate_profile(
        {
            "school": {"type": "vso", "uitstroomprofiel": "Dagbesteding", "name": "De Brug"},
            "motivation": {"importance": 7.0},
            "life_domains": {"Financiën": 2, "wonen": None, "psychisch": "3"},
        },
        lenient=True,
    )
    assert out["school"] == {
        "type": "VSO",
        "uitstroomprofiel": "dagbesteding",
        "name": "De Brug",
        "leaving_date": None,
    }
    assert out["motivation"] == {"importance": 7, "confidence": None, "readiness": None}
    assert out["life_domains"] == {"financien": 2, "psychisch": 3}


@pytest.mark.parametrize(
    ("raw", "month"),
    [("2026-07", "2026-07"), ("2026-07-10", "2026-07"), ("2030-01", "2030-01")],
)
def test_leaving_date_in_json(raw: str, month: str) -> None:
    assert validate_profile({"school": {"leaving_date": raw}})["school"]["leaving_date"] == month


@pytest.mark.parametrize("raw", ["2026-13", "2026-02-30", "1990-07", "26-07", "juli"])
def test_impossible_leaving_dates_are_refused(raw: str) -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile({"school": {"leaving_date": raw}}, lenient=True)
    assert [p for p, _ in info.value.errors] == ["school.leaving_date"]


def test_life_domains_come_out_in_contract_order() -> None:
    out = validate_profile({"life_domains": {"vervoer": 4, "financien": 2}})
    assert list(out["life_domains"]) == ["financien", "vervoer"]


def test_municipality_columns_pass_through() -> None:
    assert validate_profile({"x_leerlingnummer": "123"})["x_leerlingnummer"] == "123"


@pytest.mark.parametrize(
    ("field", "value"),
    [("age", 12), ("age", 100), ("hours_per_week", 0), ("hours_per_week", 60)],
)
def test_range_boundaries_are_inclusive(field: str, value: int) -> None:
    assert validate_profile({field: value})[field] == value


@pytest.mark.parametrize(
    ("profile", "path", "fragment"),
    [
        ({"hours_per_week": 100}, "hours_per_week", "100 ligt buiten 0–60"),
        ({"hours_per_week": 60.5}, "hours_per_week", "ligt buiten 0–60"),
        ({"hours_per_week": -1}, "hours_per_week", "ligt buiten 0–60"),
        ({"age": 11}, "age", "11 ligt buiten 12–100"),
        ({"age": 101}, "age", "ligt buiten 12–100"),
        ({"age": 19.5}, "age", "geheel getal"),
        ({"age": "negentien"}, "age", "geheel getal"),
        ({"age": True}, "age", "geheel getal"),
        ({"age": float("nan")}, "age", "geheel getal"),
        ({"motivation": {"importance": 11}}, "motivation.importance", "ligt buiten 0–10"),
        ({"motivation": {"importance": -1}}, "motivation.importance", "ligt buiten 0–10"),
        ({"motivation": {"confidence": 7.5}}, "motivation.confidence", "geheel getal"),
        ({"motivation": {"zin": 7}}, "motivation.zin", "onbekend veld"),
        ({"motivation": 7}, "motivation", "verwacht een object"),
        ({"life_domains": {"wonen": 0}}, "life_domains.wonen", "ligt buiten 1–5"),
        ({"life_domains": {"wonen": 6}}, "life_domains.wonen", "ligt buiten 1–5"),
        ({"life_domains": {"wonen": 2.5}}, "life_domains.wonen", "geheel getal"),
        ({"life_domains": {"geld": 3}}, "life_domains.geld", 'bedoelde je "financien"'),
        ({"life_domains": {"werk": 3}}, "life_domains.werk", "onbekend leefgebied"),
        ({"life_domains": [3]}, "life_domains", "verwacht een object"),
        ({"wants_to_work": "jaa"}, "wants_to_work", 'onbekende waarde "jaa"'),
        ({"wants_to_work": 1}, "wants_to_work", "verwacht een van"),
        ({"benefit": "ww"}, "benefit", "kies uit"),
        ({"respondent": "ouder"}, "respondent", "kies uit"),
        ({"employee_skills": "slecht"}, "employee_skills", "kies uit"),
        ({"school": {"type": "mbo"}}, "school.type", "kies uit: PrO, VSO"),
        ({"school": {"uitstroomprofiel": "werk"}}, "school.uitstroomprofiel", "kies uit"),
        ({"school": {"niveau": "2"}}, "school.niveau", "onbekend veld"),
        ({"school": "VSO"}, "school", "verwacht een object"),
        ({"can_start_within_6_months": "misschien"}, "can_start_within_6_months", "ja of nee"),
        ({"crisis": 1}, "crisis", "ja of nee"),
        ({"skills": "koken"}, "skills", "verwacht een lijst"),
        ({"skills": ["koken", {"a": 1}]}, "skills[1]", "verwacht tekst"),
        ({"crisis_signals": ["brand"]}, "crisis_signals[0]", "onbekende waarde"),
        ({"unknown": ["hours_per_weak"]}, "unknown[0]", 'bedoelde je "hours_per_week"'),
        ({"droombaan": ["kok"]}, "droombaan", "verwacht tekst"),
        ({"hours_per_weak": 20}, "hours_per_weak", 'bedoelde je "hours_per_week"'),
        ({"voornaam": "Anna"}, "voornaam", "onbekend veld"),
    ],
)
def test_bad_values_name_the_field(profile: dict[str, Any], path: str, fragment: str) -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile(profile)
    paths = [p for p, _ in info.value.errors]
    assert path in paths
    message = dict(info.value.errors)[path]
    assert fragment in message
    assert f'veld "{path}"' in str(info.value)


def test_all_errors_are_reported_at_once() -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile({"age": 5, "hours_per_week": 99, "life_domains": {"wonen": 9}})
    assert [p for p, _ in info.value.errors] == ["age", "hours_per_week", "life_domains.wonen"]


@pytest.mark.parametrize("data", [[], "profiel", 3, None])
def test_a_profile_must_be_an_object(data: Any) -> None:
    with pytest.raises(ProfileError) as info:
        validate_profile(data)
    assert "verwacht een object" in str(info.value)
