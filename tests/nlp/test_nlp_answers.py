"""Yes/no, don't know, skip, rulers and scales."""

from __future__ import annotations

import pytest

from bot.nlp import parse

YES_NO = [
    # ja
    ("ja", "ja"),
    ("Ja", "ja"),
    ("JA!", "ja"),
    ("ja hoor", "ja"),
    ("jahoor", "ja"),
    ("jaaaa", "ja"),
    ("jaa", "ja"),
    ("jazeker", "ja"),
    ("ja zeker", "ja"),
    ("tuurlijk", "ja"),
    ("natuurlijk", "ja"),
    ("jep", "ja"),
    ("jup", "ja"),
    ("yes", "ja"),
    ("Yes!!", "ja"),
    ("yep", "ja"),
    ("jawel", "ja"),
    ("klopt", "ja"),
    ("dat klopt", "ja"),
    ("zeker", "ja"),
    ("zeker weten", "ja"),
    ("👍", "ja"),
    ("👍👍", "ja"),
    ("✅", "ja"),
    ("oke", "ja"),
    ("ok", "ja"),
    ("prima", "ja"),
    ("is goed", "ja"),
    ("graag", "ja"),
    ("uhm ja", "ja"),
    ("eh ja hoor", "ja"),
    ("ja, ik wil graag werken", "ja"),
    ("ja want ik wil geld verdienen", "ja"),
    ("ik wil graag werken", "ja"),
    ("ik denk het wel", "ja"),
    ("ja natuurlijk wil ik dat", "ja"),
    ("tja, ik denk het wel", "ja"),
    ("ja, maar ik weet niet of ik dat kan", "ja"),
    ("nee, ik bedoel ja", "ja"),
    ("nee sorry ja", "ja"),
    ("nee toch wel", "ja"),
    ("echt wel", "ja"),
    ("jazeker!!", "ja"),
    # nee
    ("nee", "nee"),
    ("Nee.", "nee"),
    ("neeeee", "nee"),
    ("nee hoor", "nee"),
    ("nope", "nee"),
    ("neen", "nee"),
    ("nee dank je", "nee"),
    ("nee bedankt", "nee"),
    ("liever niet", "nee"),
    ("👎", "nee"),
    ("❌", "nee"),
    ("nah", "nee"),
    ("no", "nee"),
    ("niet echt", "nee"),
    ("echt niet", "nee"),
    ("zeker niet", "nee"),
    ("nooit", "nee"),
    ("nee want ik ben ziek", "nee"),
    ("nee, ik heb al werk", "nee"),
    ("ik denk het niet", "nee"),
    ("eigenlijk niet", "nee"),
    ("ja sorry nee", "nee"),
    ("klopt niet", "nee"),
    ("ik wil niet", "nee"),
    ("geen zin", "nee"),
    # twijfel
    ("misschien", "twijfel"),
    ("mischien", "twijfel"),
    ("mss", "twijfel"),
    ("twijfel", "twijfel"),
    ("ik twijfel nog", "twijfel"),
    ("weet niet zeker", "twijfel"),
    ("ik weet het niet zeker", "twijfel"),
    ("een beetje", "twijfel"),
    ("soms", "twijfel"),
    ("hangt ervan af", "twijfel"),
    ("ligt eraan", "twijfel"),
    ("ja en nee", "twijfel"),
    ("jein", "twijfel"),
    ("tja", "twijfel"),
    ("mwah", "twijfel"),
    ("niet zeker", "twijfel"),
    ("ik weet niet of ik dat kan", "twijfel"),
    ("zou kunnen", "twijfel"),
    ("ik denk het", "twijfel"),
    # weet_niet
    ("geen idee", "weet_niet"),
    ("Geen idee!", "weet_niet"),
    ("weet ik niet", "weet_niet"),
    ("ik weet het niet", "weet_niet"),
    ("geen flauw idee", "weet_niet"),
    ("?", "weet_niet"),
    ("???", "weet_niet"),
    ("kweenie", "weet_niet"),
    ("idk", "weet_niet"),
    ("weet ik veel", "weet_niet"),
    ("ik weet t niet", "weet_niet"),
    # nothing to read
    ("", None),
    ("   ", None),
    ("kok", None),
    ("hallo", None),
    ("🍕", None),
    ("👍👎", None),
]


@pytest.mark.parametrize(("text", "expected"), YES_NO)
def test_parse_yes_no(text: str, expected: str | None) -> None:
    assert parse.parse_yes_no(text) == expected


DONT_KNOW = [
    ("weet ik niet", True),
    ("weet niet", True),
    ("Weet ik niet hoor", True),
    ("geen idee", True),
    ("geen idee eigenlijk", True),
    ("geen flauw idee", True),
    ("idk", True),
    ("kweenie", True),
    ("ik weet het nog niet", True),
    ("weet ik nog niet precies", True),
    ("pass", True),
    ("?", True),
    ("nee, geen idee", True),
    ("geen idee wat ik wil worden", True),
    ("ik weet niet wat ik wil", True),
    ("ik weet niet welk werk ik wil doen", True),
    ("ik weet niet hoeveel uur ik kan werken", True),
    ("weet niet waar ik hulp bij nodig heb", True),
    ("ik weet niet hoe ik een cv moet maken", False),
    ("ik weet niet wanneer mijn stage klaar is", False),
    ("weet ik veel", True),
    ("moeilijk te zeggen", True),
    ("weet niet zeker", False),
    ("ik weet niet of ik dat kan", False),
    ("weet ik niet, misschien kok", False),
    ("ik weet precies wat ik wil: kok", False),
    ("ja", False),
    ("kok", False),
    ("", False),
    ("ik weet het wel", False),
]


@pytest.mark.parametrize(("text", "expected"), DONT_KNOW)
def test_is_dont_know(text: str, expected: bool) -> None:
    assert parse.is_dont_know(text) is expected


SKIP = [
    ("sla over", True),
    ("sla maar over", True),
    ("sla deze vraag over", True),
    ("sla de vraag over", True),
    ("overslaan", True),
    ("vraag overslaan aub", True),
    ("wil ik niet zeggen", True),
    ("dat wil ik niet zeggen", True),
    ("liever niet zeggen", True),
    ("zeg ik liever niet", True),
    ("gaat je niks aan", True),
    ("privé", True),
    ("pas", True),
    ("pass", True),
    ("skip", True),
    ("volgende vraag", True),
    ("ik ben pas 17", False),
    ("liever niet", False),
    ("nee", False),
    ("weet ik niet", False),
    ("", False),
]


@pytest.mark.parametrize(("text", "expected"), SKIP)
def test_is_skip(text: str, expected: bool) -> None:
    assert parse.is_skip(text) is expected


RULER = [
    ("8", 8),
    ("0", 0),
    ("10", 10),
    ("acht", 8),
    ("tien", 10),
    ("nul", 0),
    ("een 7", 7),
    ("een zeven", 7),
    ("8/10", 8),
    ("8 uit 10", 8),
    ("7 of 8", 7),
    ("vinden een 6, houden een 3", 6),
    ("betaald werk een drie misschien. Zeg maar een vier.", 4),
    ("Mijn zus heeft ook twee jaar gezocht, een vier of zo", 4),
    ("een 7, of eigenlijk een 8", 8),
    ("nu 3, over drie maanden 7", 3),
    ("7-8", 7),
    ("7,5", 7),
    ("ik denk een 6", 6),
    ("9 want ik wil echt werken", 9),
    ("100%", 10),
    ("50 procent", 5),
    ("heel belangrijk", 9),
    ("super belangrijk", 9),
    ("erg belangrijk", 8),
    ("belangrijk", 7),
    ("best wel belangrijk", 6),
    ("een beetje", 4),
    ("beetje", 4),
    ("niet", 1),
    ("niet belangrijk", 1),
    ("niet zo belangrijk", 3),
    ("helemaal niet", 0),
    ("super", 9),
    ("heel erg", 10),
    ("heel erg belangrijk", 10),
    ("zeker weten", 10),
    ("weet niet", None),
    ("geen idee", None),
    ("11", None),
    ("100", None),
    ("-1", None),
    ("ja", None),
    ("", None),
    ("kok", None),
]


@pytest.mark.parametrize(("text", "expected"), RULER)
def test_parse_ruler(text: str, expected: int | None) -> None:
    assert parse.parse_ruler(text) == expected


DOMAIN_SCALE = [
    ("1", 1),
    ("5", 5),
    ("3 of 4", 3),
    ("een 2", 2),
    ("vier", 4),
    ("het gaat helemaal mis", 1),
    ("acuut", 1),
    ("ik heb nu meteen hulp nodig", 1),
    ("lukt niet zonder hulp", 2),
    ("slecht", 2),
    ("gaat niet goed", 2),
    ("lukt een beetje", 3),
    ("met hulp gaat het", 3),
    ("gaat wel", 3),
    ("lukt meestal zelf", 4),
    ("goed", 4),
    ("gaat goed", 4),
    ("helemaal zelf", 5),
    ("prima", 5),
    ("geen probleem", 5),
    ("6", None),
    ("0", None),
    ("weet niet", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DOMAIN_SCALE)
def test_parse_domain_scale(text: str, expected: int | None) -> None:
    assert parse.parse_domain_scale(text) == expected


EMPLOYEE_SKILLS = [
    ("gaat goed", "goed"),
    ("prima", "goed"),
    ("ik ben altijd op tijd", "goed"),
    ("nooit te laat, en ik meld me altijd ziek", "goed"),
    ("geen problemen mee", "goed"),
    ("soms lastig", "wisselend"),
    ("gaat wel", "wisselend"),
    ("te laat soms", "wisselend"),
    ("meestal goed", "wisselend"),
    ("niet altijd", "wisselend"),
    ("op tijd komen gaat goed maar ziek melden vind ik moeilijk", "wisselend"),
    ("moeilijk", "lastig"),
    ("ik heb vaak ruzie", "lastig"),
    ("kom vaak te laat", "lastig"),
    ("niet goed", "lastig"),
    ("ik ben ontslagen omdat ik te laat kwam", "lastig"),
    ("weet ik niet", None),
    ("kok", None),
]


@pytest.mark.parametrize(("text", "expected"), EMPLOYEE_SKILLS)
def test_parse_employee_skills(text: str, expected: str | None) -> None:
    assert parse.parse_employee_skills(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gaat slecht, er komt een brief van de deurwaarder", 2),
        ("heel slecht want ik word uit huis gezet", 1),
        ("best goed, de schuldhulp helpt", 4),
        ("goed, maar de schulden worden steeds erger", None),  # the rest turns it around
        ("er komt een brief van de deurwaarder", None),  # a story without a rating
    ],
)
def test_a_rating_followed_by_why_is_read(text: str, expected: int | None) -> None:
    assert parse.parse_domain_scale(text) == expected


@pytest.mark.parametrize(
    "text", ["vooral hulp bij sollicitatiebrieven", "hulp bij motivatiebrieven"]
)
def test_letters_in_the_plural_are_a_support_need(text: str) -> None:
    assert parse.parse_support_needs(text) == ["cv en sollicitatiebrief"]
