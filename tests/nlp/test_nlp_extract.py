"""Opportunistic extraction of answers to other questions: only explicit statements."""

from __future__ import annotations

import pytest

from bot.nlp import parse

EXTRACT = [
    ("ik wil kok worden en kan 24 uur werken", {"hours_per_week": 24}),
    ("iets in de zorg, twintig uur per week", {"hours_per_week": 20}),
    ("ik wil fulltime werken in een magazijn", {"hours_per_week": 36}),
    ("kok, ik ben 19 en zit in de bijstand", {"age": 19, "benefit": "bijstand"}),
    ("ik ben 23 jaar en heb wajong", {"age": 23, "benefit": "wajong"}),
    ("19 jaar oud, ik wil in een winkel werken", {"age": 19}),
    ("ik ben bijna 18 en zit op het vso", {"age": 17, "education": "VSO"}),
    ("ik heb praktijkonderwijs gedaan", {"education": "PrO"}),
    (
        "ik heb mbo 2 gedaan en wil zsm beginnen",
        {"education": "mbo2", "can_start_within_6_months": True},
    ),
    ("ik kan morgen beginnen", {"can_start_within_6_months": True}),
    ("ik wil meteen beginnen als kok", {"can_start_within_6_months": True}),
    ("per direct beschikbaar", {"can_start_within_6_months": True}),
    ("ik heb geen uitkering, ik werk bij de Lidl", {"benefit": "geen"}),
    ("ik heb een ww uitkering", {"benefit": "anders"}),
    # precision: nothing taken
    ("ik begin om 8 uur", {}),
    ("ik moet 1 uur reizen met de bus", {}),
    ("4 uur per dag", {}),
    ("ik werk al 2 jaar bij de Jumbo", {}),
    ("ik heb 3 kinderen", {}),
    ("ik wil geen fulltime baan", {}),
    ("fulltime of parttime, maakt niet uit", {}),
    ("ik wil mbo 2 doen", {}),
    ("mijn zus doet havo", {}),
    ("ik ben een pro in koken", {}),
    ("ik kan niet meteen beginnen", {}),
    ("ik ben 150 jaar", {}),
    ("ik wil kok worden", {}),
    ("ja hoor", {}),
    ("", {}),
]


@pytest.mark.parametrize(("text", "expected"), EXTRACT)
def test_extract_other_answers(text: str, expected: dict[str, object]) -> None:
    assert parse.extract_other_answers(text) == expected


def test_extract_respects_exclude() -> None:
    text = "ik ben 19, heb bijstand en kan 24 uur"
    assert parse.extract_other_answers(text, exclude={"age", "hours_per_week"}) == {
        "benefit": "bijstand"
    }
    assert parse.extract_other_answers(text, exclude=frozenset()) == {
        "age": 19,
        "benefit": "bijstand",
        "hours_per_week": 24,
    }
