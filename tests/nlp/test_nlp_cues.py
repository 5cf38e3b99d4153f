"""Cue words that let stop / person / restart / correction interrupt an answer."""

from __future__ import annotations

import pytest
import yaml

from bot.nlp import parse

ROOT_DOMAIN = "domain.yml"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ik wil stoppen", "pause_intake"),
        ("STOP!", "pause_intake"),
        ("stopen", "pause_intake"),
        ("kunnen we morgen verder", "pause_intake"),
        ("ik heb geen zin meer", "pause_intake"),
        ("ik moet nu weg", "pause_intake"),
        ("doei", "goodbye"),
        ("tot ziens!", "goodbye"),
        ("ik wil een mens spreken", "request_human"),
        ("kan ik met iemand praten", "request_human"),
        ("ik wil een medewerkr", "request_human"),
        ("bel me maar", "request_human"),
        ("ik wil opnieuw beginnen", "restart_intake"),
        ("overnieuw", "restart_intake"),
        ("ik bedoel 20 uur", "correct"),
        ("mijn leeftijd klopt niet", "correct"),
        ("ik heb me vergist", "correct"),
    ],
)
def test_cue_words_are_found_with_typos_and_case(text: str, intent: str) -> None:
    assert parse.has_intent_cue(text, intent)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("ik ben altijd op tijd", "pause_intake"),
        ("maandag tot vrijdag", "goodbye"),
        ("iemand die met me meedenkt", "request_human"),
        ("mijn droombaan is kapper", "correct"),
        ("ik wil graag in een winkel staan", "restart_intake"),
        ("ik wil stoppen", "ask_why"),  # only the interrupting intents have cues
    ],
)
def test_ordinary_answers_hold_no_cue(text: str, intent: str) -> None:
    assert not parse.has_intent_cue(text, intent)


def test_cued_intents_exist_in_the_domain() -> None:
    with open(ROOT_DOMAIN, encoding="utf-8") as handle:
        intents = set(yaml.safe_load(handle)["intents"])
    assert intents >= parse.CUED_INTENTS
    assert {
        "pause_intake",
        "goodbye",
        "request_human",
        "restart_intake",
        "correct",
    } == parse.CUED_INTENTS


@pytest.mark.parametrize("junk", [None, "", 12, "🙂" * 50, "<b>stop</b>" * 300])
def test_never_raises(junk: object) -> None:
    assert parse.has_intent_cue(junk, "pause_intake") in (True, False)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("nee laat maar gewoon verder", True), ("verder", True), ("ja graag verder", True),
     ("ik wil verder in de zorg", False), ("ik wil niet verder", False)],
)
def test_going_on_is_heard_whatever_else_is_in_it(text: str, expected: bool) -> None:
    assert parse.wants_to_go_on(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("wacht ik wil nog iets veranderen", True), ("kan ik mijn antwoord aanpassen", True),
     ("ik wil mijn leven veranderen", False), ("aanpassingen op het werk", False)],
)
def test_a_wish_to_change_an_answer_said_outright(text: str, expected: bool) -> None:
    assert parse.wants_to_change(text) is expected
