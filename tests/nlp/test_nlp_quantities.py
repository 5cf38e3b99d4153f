"""Numbers, hours per week, age and start moment."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import parse

NUMBERS = [
    ("24", 24.0),
    ("2,5", 2.5),
    ("24.5", 24.5),
    ("1.000", 1000.0),
    ("twintig", 20.0),
    ("Twintig", 20.0),
    ("vierentwintig", 24.0),
    ("vier en twintig", 24.0),
    ("zesendertig", 36.0),
    ("tweeëntwintig", 22.0),
    ("drieëndertig", 33.0),
    ("honderd", 100.0),
    ("honderdtwintig", 120.0),
    ("honderd en twintig", 120.0),
    ("twee honderd", 200.0),
    ("tweeduizend zes", 2006.0),
    ("anderhalf", 1.5),
    ("een half", 0.5),
    ("tweeënhalf", 2.5),
    ("twee en een half", 2.5),
    ("tien", 10.0),
    ("achtien", 18.0),
    ("een stuk of 20", 20.0),
    ("ongeveer 16", 16.0),
    ("zo'n 30", 30.0),
    ("20 tot 24", 22.0),
    ("20-24", 22.0),
    ("20 - 24", 22.0),
    ("20 a 24", 22.0),
    ("20 à 24", 22.0),
    ("tussen 20 en 24", 22.0),
    ("20 tot 25", 22.5),
    ("7 of 8", 7.5),
    ("een of twee", 1.5),
    ("-5", -5.0),
    ("min 5", -5.0),
    ("een", 1.0),
    ("een dag", 1.0),
    ("een beetje", None),
    ("12-03-2007", None),
    ("geen", None),
    ("", None),
    ("kok", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse.parse_number(text) == expected


HOURS = [
    ("24", 24, None),
    ("24 uur", 24, None),
    ("24u", 24, None),
    ("24 uur per week", 24, None),
    ("twintig uur", 20, None),
    ("ongeveer 32 uur in de week", 32, None),
    ("fulltime", 36, "fulltime"),
    ("Fulltime!", 36, "fulltime"),
    ("fultime", 36, "fulltime"),
    ("voltijd", 36, "fulltime"),
    ("full time", 36, "fulltime"),
    ("hele dagen", 36, "fulltime"),
    ("fulltime, 40 uur", 40, "fulltime"),
    ("parttime, zo'n 20 uur", 20, "parttime"),
    ("halve dagen", 20, "halve dagen"),
    ("alleen ochtenden", 20, "halve dagen"),
    ("3 dagen", 24, "3 dagen x 8 uur"),
    ("drie dagen per week", 24, "3 dagen x 8 uur"),
    ("2 ochtenden", 8, "2 dagdelen x 4 uur"),
    ("twee middagen", 8, "2 dagdelen x 4 uur"),
    ("3 halve dagen", 12, "3 dagdelen x 4 uur"),
    ("4 uur per dag", 20, "4 uur x 5 dagen"),
    ("elke dag 4 uur", 20, "4 uur x 5 dagen"),
    ("3 dagen van 6 uur", 18, "6 uur x 3 dagen"),
    ("2 ochtenden van 3 uur", 6, "3 uur x 2 dagdelen"),
    ("drie dagen van 10 uur", 30, "10 uur x 3 dagen"),
    ("twee ochtenden, zeg 8 uur", 8, None),  # more than a morning has: the total
    ("3 dagen, 24 uur", 24, None),
    ("4 dagen 32 uur", 32, None),
    ("zo veel mogelijk", 36, "zo veel mogelijk"),
    ("zoveel mogelijk!", 36, "zo veel mogelijk"),
    ("alleen in het weekend", 16, "weekend"),
    ("80 uur per maand", 18, "per maand omgerekend"),
    ("16-20 uur", 18, "bereik 16-20"),
    ("16 a 20", 18, "bereik 16-20"),
    ("geen", 0, None),
    ("0", 0, None),
    ("nul", 0, None),
    ("60", 60, None),
    # "een uur of 20": about 20, the "een" is no number
    ("een uur of 20 denk ik", 20, None),
    ("een uurtje of acht", 8, None),
    ("een dag of 3", 24, "3 dagen x 8 uur"),
    # working times: hours a day times the days
    ("van 9 tot half 3", 28, "5,5 uur per dag x 5 dagen (5 dagen aangenomen)"),
    ("ma t/m do 9-14u", 20, "5 uur per dag x 4 dagen"),
    ("dinsdag en donderdag van 8.30 tot 12.30", 8, "4 uur per dag x 2 dagen"),
    ("alleen onder schooltijd, dus 9 tot 14 uur, 4 dagen", 20, "5 uur per dag x 4 dagen"),
    ("elke dag van 10 tot 2", 20, "4 uur per dag x 5 dagen"),
    ("van 16 tot 20 uur", 18, "bereik 16-20"),
    ("24 uur per week, van 9 tot 3", 24, None),
    # two numbers: what the person can do now
    ("Wil: 32. Kan: 16. Dus 16.", 16, "ook genoemd: 32 uur"),
    ("ik wil 32 maar kan nu 16", 16, "ook genoemd: 32 uur"),
    ("ik kan 20 uur maar wil eigenlijk 32", 20, "ook genoemd: 32 uur"),
    ("liefst 36 uur maar 24 is haalbaar", 24, "ook genoemd: 36 uur"),
    ("eerst 16 uur, later misschien 32", 16, "ook genoemd: 32 uur"),
    ("ik ben 24 en wil 20 uur", 20, None),
    ("het is geen 2 uur maar elke schooldag 5,5 uur", 28, "5,5 uur x 5 dagen"),
    ("5 dagen keer 5,5 uur = ongeveer 27 uur per week", 27, None),
    ("eerst een uur of twaalf, later meer", 12, None),
]


@pytest.mark.parametrize(("text", "value", "note"), HOURS)
def test_parse_hours_values(text: str, value: int, note: str | None) -> None:
    result = parse.parse_hours(text)
    assert (result.value, result.error, result.note) == (value, None, note)


HOURS_ERRORS = [
    ("parttime", "Parttime kan veel zijn"),
    ("part time", "Parttime kan veel zijn"),
    ("een paar uurtjes", "Typ een getal"),
    ("weinig", "Typ een getal"),
    ("kok", "Typ een getal"),
    ("", "Typ een getal"),
    ("100 uur", "meer dan er in een werkweek past"),
    ("61", "Kies een getal van 0 tot 60"),
    ("honderd", "meer dan er in een werkweek past"),
    ("-5", "Kies een getal van 0 tot 60"),
    ("min 10 uur", "Kies een getal van 0 tot 60"),
    ("ik ben 24 jaar", "Typ een getal"),
]


@pytest.mark.parametrize(("text", "fragment"), HOURS_ERRORS)
def test_parse_hours_errors(text: str, fragment: str) -> None:
    result = parse.parse_hours(text)
    assert result.value is None
    assert result.error and fragment in result.error
    assert result.error.endswith(".")  # whole sentences, B1


@pytest.mark.parametrize("text", ["weet ik niet", "geen idee", "weet niet", "?"])
def test_parse_hours_dont_know(text: str) -> None:
    assert parse.parse_hours(text) == parse.HoursResult(None, None, "onbekend")


AGES = [
    ("een jaar of 25", 25),
    ("19", 19),
    ("ik ben 19", 19),
    ("Ik ben 19 jaar", 19),
    ("19 jaar", 19),
    ("19 jaar oud", 19),
    ("negentien", 19),
    ("achttien", 18),
    ("bijna 18", 17),
    ("ik word 18", 17),
    ("ik word in maart 18", 17),
    ("net 18", 18),
    ("18,5", 18),
    ("2006", 20),
    ("geboren in 2006", 20),
    ("12-03-2007", 19),
    ("12/03/2007", 19),
    ("24-12-2007", 18),
    ("2007-03-12", 19),
    ("12 maart 2007", 19),
    ("mijn zoon is 3 en ik ben 24", 24),
    ("ik ben 45 en heb 3 kinderen", 45),
    ("14", 14),
    ("70", 70),
]


@pytest.mark.parametrize(("text", "expected"), AGES)
def test_parse_age(text: str, expected: int, today: date) -> None:
    assert parse.parse_age(text, today=today) == parse.AgeResult(expected, None)


@pytest.mark.parametrize("text", ["200", "13", "71", "5", "2030", "1890", "-3"])
def test_parse_age_out_of_range(text: str, today: date) -> None:
    result = parse.parse_age(text, today=today)
    assert result.value is None
    assert result.error == (
        "Die leeftijd klopt volgens mij niet. Typ een getal, bijvoorbeeld 19."
    )


@pytest.mark.parametrize(
    "text", ["oud genoeg", "weet ik niet", "sla over", "zeg ik liever niet", "volwassen"]
)
def test_parse_age_no_value_no_error(text: str, today: date) -> None:
    assert parse.parse_age(text, today=today) == parse.AgeResult(None, None)


@pytest.mark.parametrize("text", ["kok", "hallo", "ja"])
def test_parse_age_asks_again(text: str, today: date) -> None:
    result = parse.parse_age(text, today=today)
    assert result.value is None and result.error and "Typ een getal" in result.error


def test_parse_age_uses_real_today_by_default() -> None:
    assert parse.parse_age(str(date.today().year - 30)).value == 30


START = [
    ("later dan een half jaar", False),
    ("niet binnen zes maanden", False),
    ("zsm", True),
    ("z.s.m.", True),
    ("ZSM!!", True),
    ("meteen", True),
    ("nu", True),
    ("per direct", True),
    ("morgen", True),
    ("maandag al", True),
    ("volgende week", True),
    ("volgende maand", True),
    ("over 2 maanden", True),
    ("over twee weken", True),
    ("binnen 3 weken", True),
    ("over een half jaar", True),
    ("een paar maanden", True),
    ("in januari", True),
    ("1 februari", True),
    ("maart 2027", True),
    ("ja", True),
    ("ja hoor", True),
    ("na de zomer", False),
    ("als ik klaar ben met school in juli", False),
    ("over een jaar", False),
    ("over anderhalf jaar", False),
    ("over 8 maanden", False),
    ("in 2028", False),
    ("nu nog niet, misschien over een jaar", False),
    ("nooit", False),
    ("nee", False),
    ("weet niet", None),
    ("geen idee", None),
    ("na mijn stage", None),
    ("als ik klaar ben met school", None),
    ("nog niet", None),
    ("volgend jaar", None),
    ("in 2027", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), START)
def test_parse_start_moment(text: str, expected: bool | None, today: date) -> None:
    result = parse.parse_start_moment(text, today=today)
    assert result.within_6_months is expected
    assert result.text == text.strip()


def test_start_moment_estimates(today: date) -> None:
    result = parse.parse_start_moment("na de zomer", today=today)
    assert (result.earliest, result.latest) == (date(2027, 9, 1), date(2027, 9, 30))
    result = parse.parse_start_moment("in januari", today=today)
    assert result.earliest == date(2027, 1, 1)


def test_start_moment_depends_on_today() -> None:
    # "na de zomer" said in April is within six months; said in November it is not.
    assert parse.parse_start_moment("na de zomer", today=date(2027, 4, 1)).within_6_months
    assert not parse.parse_start_moment("na de zomer", today=date(2026, 11, 23)).within_6_months
    assert parse.parse_start_moment("in juli", today=date(2027, 6, 10)).within_6_months


def test_start_moment_keeps_cleaned_text(today: date) -> None:
    assert parse.parse_start_moment("<b>na</b>   mijn stage", today=today).text == "na mijn stage"


def test_hours_that_are_denied_do_not_count() -> None:
    assert parse.parse_hours("3 dagen ofzo, geen 40 uur").value == 24
    assert parse.parse_hours("niet meer dan 20 uur").value == 20
