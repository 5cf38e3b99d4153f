"""Education, benefit, respondent, school type, exit profile, work values, support needs,
employee skills and free-text lists."""

from __future__ import annotations

import pytest

from bot.nlp import parse

EDUCATION = [
    ("havo en daarna hbo, maar gestopt in jaar 2", "havo"),
    ("mbo 2 heb ik niet afgemaakt. alleen mavo diploma", "vmbo"),
    ("universiteit zonder diploma", "wo"),
    ("praktijkonderwijs", "PrO"),
    ("Praktijkonderwijs!", "PrO"),
    ("praktijk onderwijs", "PrO"),
    ("praktjikonderwijs", "PrO"),
    ("praktijkschool", "PrO"),
    ("pro", "PrO"),
    ("ik heb op de pro gezeten", "PrO"),
    ("PrO school in Tilburg", "PrO"),
    ("vso", "VSO"),
    ("VSO", "VSO"),
    ("speciaal onderwijs", "VSO"),
    ("cluster 4 school", "VSO"),
    ("zml", "VSO"),
    ("voortgezet speciaal onderwijs", "VSO"),
    ("entree", "entree"),
    ("entreeopleiding", "entree"),
    ("niveau 1", "entree"),
    ("mbo 1", "entree"),
    ("mbo niveau 2", "mbo2"),
    ("mbo 2", "mbo2"),
    ("mbo-2", "mbo2"),
    ("MBO2", "mbo2"),
    ("niveau 2", "mbo2"),
    ("mbo2 niet afgemaakt", "mbo2"),
    ("mbo 3 zorg", "mbo3"),
    ("mbo niveau 4", "mbo4"),
    ("vmbo basis", "vmbo"),
    ("vmbo kader", "vmbo"),
    ("vmbo tl", "vmbo"),
    ("mavo", "vmbo"),
    ("havo", "havo"),
    ("vwo", "vwo"),
    ("gymnasium", "vwo"),
    ("hbo", "hbo"),
    ("hogeschool", "hbo"),
    ("universiteit", "wo"),
    ("universitijt", "wo"),
    ("basisschool", "basisschool"),
    ("alleen basisschool", "basisschool"),
    ("geen diploma", "geen"),
    ("niks afgemaakt", "geen"),
    ("nooit naar school geweest", "geen"),
    ("geen", "geen"),
    ("vmbo en daarna mbo 2", "mbo2"),
    ("praktijkonderwijs en toen entree", "entree"),
    ("geen havo maar vmbo", "vmbo"),
    ("mbo 2 maar geen diploma", "mbo2"),
    ("school in Syrië", None),
    ("middelbare school in Marokko", None),
    ("mbo", None),
    ("weet ik niet", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), EDUCATION)
def test_parse_education(text: str, expected: str | None) -> None:
    assert parse.parse_education(text) == expected


BENEFIT = [
    ("ik zit nog in de WW, daarna waarschijnlijk bijstand", "anders"),
    ("bijstand", "bijstand"),
    ("Bijstand", "bijstand"),
    ("bijstant", "bijstand"),
    ("bijstandsuitkering", "bijstand"),
    ("ik zit in de bijstand", "bijstand"),
    ("uitkering van de gemeente", "bijstand"),
    ("participatiewet", "bijstand"),
    ("soc dienst", "bijstand"),
    ("sociale dienst", "bijstand"),
    ("wajong", "wajong"),
    ("Wajong", "wajong"),
    ("wajonk", "wajong"),
    ("ik heb wajong", "wajong"),
    ("wia", "wia"),
    ("wga", "wia"),
    ("iva", "wia"),
    ("arbeidsongeschikt uitkering van uwv", "wia"),
    ("geen", "geen"),
    ("nee", "geen"),
    ("nee hoor", "geen"),
    ("niks", "geen"),
    ("geen uitkering", "geen"),
    ("ik werk", "geen"),
    ("mijn ouders betalen alles", "geen"),
    ("alleen zorgtoeslag", "geen"),
    ("geen bijstand", "geen"),
    ("ww", "anders"),
    ("WW", "anders"),
    ("studiefinanciering", "anders"),
    ("ziektewet", "anders"),
    ("zw", "anders"),
    ("aow", "anders"),
    ("geen bijstand, wel wajong", "wajong"),
    ("wajong en bijstand", "wajong"),
    ("ik heb een uitkering", None),
    ("uitkering van uwv", None),
    ("ja", None),
    ("weet ik niet", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), BENEFIT)
def test_parse_benefit(text: str, expected: str | None) -> None:
    assert parse.parse_benefit(text) == expected


RESPONDENT = [
    ("ik zelf", "self"),
    ("ikzelf", "self"),
    ("voor mezelf", "self"),
    ("ik", "self"),
    ("zelf", "self"),
    ("ik zoek werk", "self"),
    ("ik ben leerling op de pro", "self"),
    ("ik zit nog op school", "self"),
    ("ik ben stagebegeleider", "school"),
    ("ik vul in voor een leerling", "school"),
    ("docent", "school"),
    ("mentor", "school"),
    ("school", "school"),
    ("trajectbegeleider", "school"),
    ("ik ben de stage begeleider van Sam", "school"),
    ("namens school", "school"),
    ("ik doe dit samen met mijn leerling", "school"),
    ("ik ben zijn begeleider", "school"),
    ("Ik bel namens het Praktijkcollege", "school"),
    ("ik vul het in voor mijn zoon", None),
    ("mijn moeder", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), RESPONDENT)
def test_parse_respondent(text: str, expected: str | None) -> None:
    assert parse.parse_respondent(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PrO", "PrO"),
        ("praktijkonderwijs", "PrO"),
        ("praktijkschool", "PrO"),
        ("VSO", "VSO"),
        ("vso cluster 4", "VSO"),
        ("speciaal onderwijs", "VSO"),
        ("vmbo", None),
        ("", None),
    ],
)
def test_parse_school_type(text: str, expected: str | None) -> None:
    assert parse.parse_school_type(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arbeidsmarkt", "arbeidsmarkt"),
        ("uitstroomprofiel arbeidsmarkt", "arbeidsmarkt"),
        ("betaald werk", "arbeidsmarkt"),
        ("beschut werk", "arbeidsmarkt"),
        ("dagbesteding", "dagbesteding"),
        ("arbeidsmatige dagbesteding", "dagbesteding"),
        ("vervolgonderwijs", "vervolgonderwijs"),
        ("hij gaat naar het mbo", "vervolgonderwijs"),
        ("verder leren", "vervolgonderwijs"),
        ("geen idee", None),
        ("", None),
    ],
)
def test_parse_uitstroomprofiel(text: str, expected: str | None) -> None:
    assert parse.parse_uitstroomprofiel(text) == expected


WORK_VALUES = [
    ("geld", ["inkomen"]),
    ("geld verdienen", ["inkomen"]),
    ("salaris", ["inkomen"]),
    ("mijn rekeningen betalen", ["inkomen"]),
    ("collega's", ["collega's"]),
    ("gezellig met mensen", ["collega's"]),
    ("in een team werken", ["collega's"]),
    ("nieuwe dingen leren", ["leren"]),
    ("een cursus of diploma halen", ["leren"]),
    ("ritme", ["structuur"]),
    ("ik wil niet thuis zitten", ["structuur"]),
    ("iets te doen hebben", ["structuur"]),
    ("iets betekenen voor een ander", ["zinvol"]),
    ("mensen helpen", ["zinvol"]),
    ("trots zijn op mezelf", ["zinvol"]),
    ("eigen geld", ["inkomen"]),
    ("fijn zou zijn dat ze ergens bij hoort", ["collega's"]),
    ("niet afhankelijk van uitkering", ["zelfstandig"]),
    ("onafhankelijk", ["zelfstandig"]),
    ("leuk werk", ["plezier"]),
    ("iets wat ik leuk vind", ["plezier"]),
    ("geld verdienen en nieuwe mensen leren kennen", ["inkomen", "collega's"]),
    ("gezelligheid, geld en structuur", ["collega's", "inkomen", "structuur"]),
    ("geld geld geld", ["inkomen"]),
    ("niet voor het geld maar voor de gezelligheid", ["collega's"]),
    ("zodat ik niet meer van een uitkering afhankelijk ben", ["zelfstandig"]),
    ("ik wil ergens bij horen", ["collega's"]),
    ("ik wil gewoon geld verdienen zodat ik mijn rekeningen kan betalen", ["inkomen"]),
    ("ik vind het leuk om met mensen te werken", ["plezier", "collega's"]),
    ("weet ik niet", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), WORK_VALUES)
def test_parse_work_values(text: str, expected: list[str]) -> None:
    assert parse.parse_work_values(text) == expected


SUPPORT = [
    ("vacatures zoeken", ["vacatures zoeken"]),
    ("hulp bij werk zoeken", ["vacatures zoeken"]),
    ("cv maken", ["cv en sollicitatiebrief"]),
    ("hulp bij cv en sollicitatiebrief", ["cv en sollicitatiebrief"]),
    ("sollicitatiegesprek", ["sollicitatiegesprek"]),
    ("iemand die meegaat naar het gesprek", ["sollicitatiegesprek"]),
    ("taken leren op de werkvloer", ["inwerken op de werkvloer"]),
    ("praten met de baas", ["contact met de werkgever"]),
    ("een rustige plek", ["aanpassingen op de werkplek"]),
    ("niet te veel prikkels", ["aanpassingen op de werkplek"]),
    ("planning", ["planning en structuur"]),
    ("de weg vinden met de bus", ["reizen naar het werk"]),
    ("omgaan met collega's", ["omgaan met collega's"]),
    (
        "vacatures zoeken en een cv maken",
        ["vacatures zoeken", "cv en sollicitatiebrief"],
    ),
    ("geen hulp bij cv, wel bij het gesprek", ["sollicitatiegesprek"]),
    ("cv hoeft niet, wel het gesprek oefenen", ["sollicitatiegesprek"]),
    ("ik kan geen vacatures vinden", ["vacatures zoeken"]),
    ("ik weet niet hoe ik een brief moet schrijven", ["cv en sollicitatiebrief"]),
    ("iemand die met me meegaat", ["sollicitatiegesprek"]),
    ("ik raak snel overprikkeld", ["aanpassingen op de werkplek"]),
    ("ik weet de weg niet", ["reizen naar het werk"]),
    ("ik heb moeite met plannen", ["planning en structuur"]),
    ("geen hulp nodig bij mijn cv", ["geen"]),
    ("geen idee", []),
    ("geen", ["geen"]),
    ("niks", ["geen"]),
    ("ik red me wel", ["geen"]),
    ("geen hulp nodig", ["geen"]),
    ("weet ik niet", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SUPPORT)
def test_parse_support_needs(text: str, expected: list[str]) -> None:
    assert parse.parse_support_needs(text) == expected


def test_support_needs_everything() -> None:
    result = parse.parse_support_needs("overal hulp bij")
    assert "geen" not in result and len(result) == 9


SPLIT = [
    ("koken, schoonmaken en met kinderen werken", ["koken", "schoonmaken", "met kinderen werken"]),
    (
        "stage bij de Jumbo en vrijwilligerswerk in de buurthuis",
        ["stage bij de Jumbo", "vrijwilligerswerk in de buurthuis"],
    ),
    ("koken en schoonmaken", ["koken", "schoonmaken"]),
    ("- koken\n- schoonmaken\n* tuinieren", ["koken", "schoonmaken", "tuinieren"]),
    ("• Kassa\n• Vakken vullen", ["Kassa", "Vakken vullen"]),
    ("1. kassa\n2. vakken vullen\n3) magazijn", ["kassa", "vakken vullen", "magazijn"]),
    ("koken; schoonmaken; strijken", ["koken", "schoonmaken", "strijken"]),
    ("met mensen en dieren werken", ["met mensen en dieren werken"]),
    ("in- en uitpakken", ["in- en uitpakken"]),
    ("2,5 jaar stage bij AH", ["2,5 jaar stage bij AH"]),
    ("Ik kan goed koken, ik ben netjes", ["Ik kan goed koken", "ik ben netjes"]),
    ("koken, koken, Koken", ["koken"]),
    ("", []),
    (" , , ", []),
]


@pytest.mark.parametrize(("text", "expected"), SPLIT)
def test_split_list(text: str, expected: list[str]) -> None:
    assert parse.split_list(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("geen hulp nodig, ik wil gewoon met rust gelaten worden", ["geen"]),
        ("geen hulp nodig, maar wel bij mijn cv", ["cv en sollicitatiebrief"]),
        ("leren op het werk", ["inwerken op de werkvloer"]),
        ("iemand die me helpt als het op werk misgaat", ["inwerken op de werkvloer"]),
        ("Nederlands leren, diploma erkennen", ["Nederlandse taal", "diploma laten erkennen"]),
        ("ik heb een rijbewijs, hulp bij solliciteren", ["cv en sollicitatiebrief"]),
    ],
)
def test_support_needs_from_round_two_of_user_tests(text: str, expected: list[str]) -> None:
    assert parse.parse_support_needs(text) == expected


def test_a_normal_life_is_not_learning_and_a_pending_benefit_is_not_received() -> None:
    assert parse.parse_work_values("ik wil een normaal leven") == []
    assert parse.parse_benefit("nog geen uitkering, misschien wordt Wajong aangevraagd") == "geen"
    assert parse.parse_benefit("ik heb bijstand en wajong is aangevraagd") == "bijstand"
    assert parse.parse_benefit("iets anders") == "anders"
