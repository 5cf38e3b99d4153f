"""End-to-end over the REST channel: school staff give the leaving date, it lands in the
stored profile as school.leaving_date and the advice uses it (issue 10)."""

from __future__ import annotations

import re

import pytest

from tests.e2e.test_chat_rest import Conversation, buttons, texts

pytestmark = pytest.mark.rasa

SCRIPT = [
    ("hallo", "Wie vult de vragen in"),
    ("ik ben stagebegeleider en vul het in voor een leerling", "school"),
    ("De Brug", "Wat voor school"),
    ("PrO", "voornaam"),
    ("Jesse", "Hoe oud"),
    ("17", "aan het werk"),
    ("ja", "droombaan"),
    ("iets met groen, hovenier", "ander werk"),
    ("in een tuincentrum", "Waarom"),
    ("eigen geld verdienen", "Hoe belangrijk"),
    ("8", "vertrouwen"),
    ("6", "klaar"),
    ("7", "van school"),
]


def test_school_staff_give_the_leaving_date_and_it_reaches_the_profile(stack) -> None:
    conv = Conversation(stack)
    for message, expected in SCRIPT:
        reply = conv.say(message)
        assert expected.lower() in reply.lower(), (message, reply)
    assert "Wanneer gaat Jesse van school?" in texts(conv.last)
    assert "Aan het eind van dit schooljaar" in buttons(conv.last)
    why = conv.say("waarom vraag je dit?")
    assert "jobcoach" in why and "van school" in why  # the reason, then the same question
    reply = conv.say("eind van dit schooljaar")
    assert "gewerkt" in reply.lower()
    status, body = stack.intake(conv.sender)
    assert status == 200
    leaving = body["profile"]["school"]["leaving_date"]
    assert re.fullmatch(r"20\d\d-07", leaving)
