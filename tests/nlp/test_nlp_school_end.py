"""When does the pupil leave school: the answer to the leaving-date question."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import parse

DECEMBER = date(2026, 12, 3)  # school year 2026-2027 ends in July 2027
MARCH = date(2027, 3, 10)


@pytest.mark.parametrize(
    ("text", "today", "month"),
    [
        ("eind van dit schooljaar", DECEMBER, "2027-07"),
        ("dit schooljaar", MARCH, "2027-07"),
        ("deze zomer", MARCH, "2027-07"),
        ("in het laatste jaar", DECEMBER, "2027-07"),
        ("eind van volgend schooljaar", DECEMBER, "2028-07"),
        ("volgend jaar", MARCH, "2028-07"),
        ("over 2 jaar of later", MARCH, "2029-07"),
        ("nog anderhalf jaar", DECEMBER, "2028-07"),
        ("over 8 maanden", DECEMBER, "2027-08"),
        ("juli 2027", DECEMBER, "2027-07"),
        ("hij gaat in juni van school", DECEMBER, "2027-06"),
        ("06-2028", DECEMBER, "2028-06"),
        ("zomer 2028", DECEMBER, "2028-07"),
        ("2029", DECEMBER, "2029-07"),
        ("vorig jaar", DECEMBER, "2025-07"),
        ("afgelopen zomer", DECEMBER, "2026-07"),
    ],
)
def test_a_leaving_date_becomes_a_month(text: str, today: date, month: str) -> None:
    assert parse.parse_school_leaving(text, today).month == month


def test_an_age_gives_the_end_of_that_school_year_when_the_age_is_known() -> None:
    assert parse.parse_school_leaving("als ik 18 ben", DECEMBER, age=17).month == "2028-07"
    assert parse.parse_school_leaving("tot zijn achttiende", MARCH, age=16).month == "2029-07"
    assert parse.parse_school_leaving("als ik 18 ben", DECEMBER).month is None


@pytest.mark.parametrize(
    "text", ["ik zit niet meer op school", "Ik ben al klaar met school", "nee", "al van school af"]
)
def test_no_longer_at_school(text: str) -> None:
    result = parse.parse_school_leaving(text, DECEMBER)
    assert result.left and result.month is None


@pytest.mark.parametrize("text", ["ja", "ja ik zit nog op school"])
def test_a_yes_without_a_date_asks_for_the_date(text: str) -> None:
    result = parse.parse_school_leaving(text, DECEMBER)
    assert result.at_school and result.month is None and not result.left


@pytest.mark.parametrize("text", ["", "???", "banaan", None, 12])
def test_anything_else_gives_no_date_and_never_raises(text: object) -> None:
    result = parse.parse_school_leaving(text, DECEMBER)  # type: ignore[arg-type]
    assert result.month is None
