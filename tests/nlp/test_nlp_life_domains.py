"""Life domains named in the open answer, suggested scores, negation, "all fine"."""

from __future__ import annotations

import pytest

from bot.nlp import parse

DOMAINS = [
    ("gezondheid is prima, wel schulden", {"financien": None}),
    ("wonen gaat goed hoor", {}),
    ("mijn gezondheid is niet goed", {"gezondheid": None}),
    ("weinig sociale contacten", {"netwerk": None}),
    ("woon tijdelijk in een huurkamer", {"wonen": None}),
    ("ik maak me zorgen om mijn familie", {"psychisch": None}),
    ("mijn vriend slaat hij me soms", {"thuis": None}),
    ("we zijn net gescheiden", {"thuis": None}),
    ("ze woont in een woongroep", {"wonen": 3}),
    ("mama is ziek ik zorg voor haar", {"thuis": None}),
    ("mijn moeder heeft schulden dus thuis is er veel stress", {"thuis": None}),
    ("thuis is onrustig en reizen met de bus is lastig", {"thuis": None, "vervoer": None}),
    ("ik slaap bij vrienden op de bank", {"wonen": 2}),
    ("ik slaap nu bij mijn vriend op de bank", {"wonen": 2}),
    ("ik heb schulden", {"financien": None}),
    ("ik heb schulde", {"financien": None}),
    ("veel geldproblemen", {"financien": None}),
    ("de deurwaarder komt steeds", {"financien": 2}),
    ("er ligt beslag op mijn loon", {"financien": 2}),
    ("ik ben dakloos", {"wonen": 1}),
    ("ik zit in de nachtopvang", {"wonen": 1}),
    ("ik zoek een huis, sta op de wachtlijst", {"wonen": None}),
    ("ik blow elke dag", {"verslaving": None}),
    ("ik drink te veel", {"verslaving": None}),
    ("ik zit in de schuldsanering", {"financien": 3}),
    ("ik heb bewindvoering", {"financien": 3}),
    ("ik heb een bewindvoerder en schulden", {"financien": 3}),
    ("schulden en een deurwaarder", {"financien": 2}),
    ("geen rijbewijs en de bus is ver", {"vervoer": None}),
    ("eenzaam, geen vrienden", {"netwerk": None}),
    ("ik zorg voor mijn moeder (mantelzorg)", {"thuis": None}),
    ("mijn moeder is ziek en ik zorg voor haar", {"thuis": None}),
    ("mijn vriend slaat me soms", {"thuis": None}),
    ("ik woon in een opvang", {"wonen": 2}),
    ("psychisch niet goed, slapen slecht", {"psychisch": None, "gezondheid": None}),
    ("mijn geld is niet goed", {"financien": None}),
    ("ik ben niet gezond", {"gezondheid": None}),
    ("ik heb geen opvang voor mijn dochter", {"thuis": None}),
    ("de jongste gaat naar de opvang", {}),  # childcare, said as a plain fact
    ("we worden volgende maand uit ons huis gezet", {"wonen": 2}),
    ("mijn familie woont ver weg", {"netwerk": None}),
    ("ik blow niet", {}),
    ("huurachterstand, de corporatie dreigt met ontruiming", {"financien": None, "wonen": 2}),
    ("opvang regelen voor de kinderen is lastig", {"thuis": None}),  # childcare, not a shelter
    ("thuis is het onrustig, mijn ouders zijn aan het scheiden", {"thuis": None}),
    ("mijn knie is kapot, ik kan niet lang staan", {"gezondheid": None}),
    ("ik ben stabiel met medicatie", {}),  # medication alone says nothing about which domain
    ("ik heb een burn-out gehad", {"psychisch": None}),
    ("ik gebruik soms drugs", {"verslaving": None}),
    ("geen idee", {}),
    ("ruzie thuis", {"thuis": None}),
    ("ik heb veel ruzie met mijn ouders", {"thuis": None}),
    ("ik ben alleenstaande moeder en heb geen kinderopvang", {"thuis": None}),
    ("ik moet naar de reclassering", {"justitie": None}),
    ("ik heb een enkelband", {"justitie": None}),
    ("depressie", {"psychisch": None}),
    ("ik heb last van angst", {"psychisch": None}),
    ("ik ga naar de psycholoog", {"psychisch": None}),
    ("ik heb adhd en autisme", {"psychisch": None}),
    ("rugklachten", {"gezondheid": None}),
    ("ik ben vaak ziek", {"gezondheid": None}),
    ("ik zit de hele dag thuis", {"dagbesteding": None}),
    ("dag en nacht omgedraaid", {"dagbesteding": None}),
    (
        "schulden, ruzie thuis en ik blow",
        {"financien": None, "thuis": None, "verslaving": None},
    ),
    ("geld is krap en ik slaap slecht", {"financien": None, "gezondheid": None}),
    # negation and nothing
    ("geen schulden", {}),
    ("ik heb geen problemen met geld", {}),
    ("ik ben niet depressief", {}),
    ("ik blow niet", {}),
    ("ik drink geen alcohol", {}),
    ("ik zit niet de hele dag thuis", {}),
    ("alles goed", {}),
    ("weet ik niet", {}),
    ("", {}),
]


@pytest.mark.parametrize(("text", "expected"), DOMAINS)
def test_detect_life_domains(text: str, expected: dict[str, int | None]) -> None:
    assert parse.detect_life_domains(text) == expected


def test_domains_keep_order_of_mention() -> None:
    result = parse.detect_life_domains("ik blow, heb schulden en geen huis")
    assert list(result) == ["verslaving", "financien", "wonen"]


def test_domain_keys_are_contract_keys() -> None:
    text = (
        "schulden dakloos ziek depressie blowen ruzie thuis eenzaam reclassering "
        "geen rijbewijs hele dag thuis"
    )
    assert set(parse.detect_life_domains(text)) == set(parse.DOMAINS)


ALL_FINE = [
    ("alles goed", True),
    ("Alles gaat goed!", True),
    ("gaat prima", True),
    ("geen problemen", True),
    ("niks aan de hand", True),
    ("nee hoor", True),
    ("prima hoor", True),
    ("ik heb geen problemen met geld", True),
    ("gaat prima, alleen wat schulden", False),
    ("het gaat niet goed", False),
    ("niet zo goed", False),
    ("ik heb schulden", False),
    ("weet niet", False),
    ("", False),
    # A story that says something is hard is never "all fine", even with "geen" in it.
    ("ik heb geen opvang voor mijn dochter en de toeslag snap ik niet", False),
    ("mijn ex betaalt geen alimentatie en dat is zwaar", False),
    ("nee wacht het gaat juist NIET goed", False),
]


@pytest.mark.parametrize(("text", "expected"), ALL_FINE)
def test_says_all_fine(text: str, expected: bool) -> None:
    assert parse.says_all_fine(text) is expected
