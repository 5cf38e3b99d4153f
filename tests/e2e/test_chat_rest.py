"""End-to-end: real chats over the REST channel against the running product, then the API.

These are the paths a person takes: a complete intake in free text, school mode, corrections,
every digression, a crisis, pause and resume, and bad input. They need the trained model
(scripts/test.sh trains it first) and start all three processes once per test session.
"""

from __future__ import annotations

import uuid

import pytest

pytestmark = pytest.mark.rasa


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def buttons(replies: list[dict]) -> list[str]:
    return [b["title"] for r in replies for b in r.get("buttons") or []]


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:10]}"


class Conversation:
    def __init__(self, stack, sender: str | None = None) -> None:
        self.stack = stack
        self.sender = sender or new_sender()
        self.user_messages = 0
        self.last: list[dict] = []

    def say(self, message: str) -> str:
        self.user_messages += 1
        self.last = self.stack.say(self.sender, message)
        return texts(self.last)


COOPERATIVE = [
    ("hoi", "Wie vult de vragen in"),
    ("ik vul het zelf in", "Hoe mag ik je noemen"),
    ("Ik heet Samira", "Hoe oud"),
    ("23", "aan het werk"),
    ("ja heel graag", "droombaan"),
    ("Ik wil graag kok worden in een restaurant", "ander werk"),
    ("afwassen of in een kantine werken is ook goed", "Waarom wil je"),
    ("ik wil mijn eigen geld verdienen en leuke collega's", "Hoe belangrijk"),
    ("8", "vertrouwen"),
    ("zes", "klaar"),
    ("7", "opleiding"),
    ("praktijkonderwijs", "gewerkt"),
    ("stage in de keuken van een verzorgingshuis", "goed in"),
    ("koken en netjes werken", "op tijd"),
    ("gaat meestal goed", "uur per week"),
    ("24 uur", "beginnen"),
    ("zsm", "minimumloon"),
    ("nee ik denk het niet", "hulp bij"),
    ("hulp bij solliciteren en iemand die meegaat naar het gesprek", "Speelt er iets"),
    ("ik heb best veel schulden", "Hoe gaat dat nu"),
    ("het lukt niet zonder hulp", "GGZ"),
    ("nee", "uitkering"),
    ("bijstand", "bereiken"),
    ("0612345678", "Klopt dit"),
]


def run_script(conv: Conversation, script: list[tuple[str, str]]) -> None:
    for message, expected in script:
        reply = conv.say(message)
        assert expected.lower() in reply.lower(), (
            f"after {message!r} expected {expected!r}, got:\n{reply}"
        )


def test_complete_intake_in_free_text_is_stored_with_advice(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:3])
    status, body = stack.intake(conv.sender)
    assert status == 200 and body["status"] == "incomplete"

    run_script(conv, COOPERATIVE[3:])
    readback = texts(conv.last)
    for fragment in ("Samira", "kok", "24 uur", "bijstand"):
        assert fragment in readback
    closing = conv.say("ja dat klopt")
    assert "advies" in closing.lower() and "klantbegeleider" in closing.lower()
    assert conv.user_messages <= 25

    status, body = stack.intake(conv.sender)
    assert status == 200
    assert body["status"] == "complete"
    profile = body["profile"]
    assert "kok" in profile["droombaan"]
    assert profile["hours_per_week"] == 24
    assert profile["life_domains"] == {"financien": 2}
    assert profile["can_start_within_6_months"] is True
    assert profile["can_earn_minimum_wage_alone"] is False
    assert body["advice"]["route"] == "jobcoaching"
    assert any("schuld" in r for r in body["advice"]["referrals"])
    assert body["summary_text"] and "kok" in body["summary_text"]


def test_answers_in_the_first_message_are_not_asked_again(stack) -> None:
    conv = Conversation(stack)
    reply = conv.say("Hoi, ik ben Marco, ik zit in de bijstand en wil graag werken")
    assert "Die vragen sla ik over" in reply and "Wie vult de vragen in" in reply
    assert "Hoe oud" in conv.say("ik vul het zelf in")  # the name was given
    assert "droombaan" in conv.say("45").lower()  # "wil je werken?" was answered too
    status, body = stack.intake(conv.sender)
    assert body["profile"]["name"] == "Marco" and body["profile"]["benefit"] == "bijstand"
    assert body["profile"]["wants_to_work"] == "ja" and body["profile"]["age"] == 45


def test_questions_back_and_corrections_keep_the_answers_right(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:16])  # up to "Hoeveel uur per week?"
    conv.say("24 uur")
    conv.say("zsm")
    reply = conv.say("ik bedoel 32 uur, niet 24")  # while the minimum-wage question is open
    assert "32 uur" in reply and "minimumloon" in reply
    reply = conv.say("wat is het minimumloon eigenlijk?")
    assert "laagste loon" in reply and "minimumloon" in reply  # explained, asked again
    conv.say("nee")
    status, body = stack.intake(conv.sender)
    assert body["profile"]["hours_per_week"] == 32
    assert body["profile"]["can_earn_minimum_wage_alone"] is False


def test_api_refuses_without_token_and_unknown_id(stack) -> None:
    assert stack.intake("nobody-here")[0] == 404
    assert stack.intake("nobody-here", token=None)[0] == 401
    assert stack.intake("nobody-here", token="wrong")[0] == 401


def test_school_mode_speaks_about_the_pupil(stack) -> None:
    conv = Conversation(stack)
    conv.say("hallo")
    reply = conv.say("ik ben stagebegeleider en vul het in voor een leerling")
    assert "school" in reply.lower()
    conv.say("De Brug")
    reply = conv.say("VSO")
    assert "uitstroomprofiel" in reply.lower()
    conv.say("arbeidsmarkt")
    reply = conv.say("Daan")
    assert "Daan" in reply
    conv.say("17")
    reply = conv.say("ja")
    assert "droombaan van Daan" in reply
    status, body = stack.intake(conv.sender)
    assert body["profile"]["respondent"] == "school"
    assert body["profile"]["school"]["type"] == "VSO"
    assert body["profile"]["school"]["uitstroomprofiel"] == "arbeidsmarkt"


def test_why_dont_know_and_human_do_not_lose_the_place(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:4])  # now asked whether she wants to work
    reply = conv.say("waarom vraag je dat?")
    assert (
        "graag" in reply.lower() and "aan het werk" in reply.lower()
    )  # reason, then the same question
    conv.say("ja")
    reply = conv.say("weet ik niet")  # droombaan unknown
    assert "proberen" in reply.lower()
    reply = conv.say("ik wil een mens spreken")
    assert "bel" in reply.lower()
    reply = conv.say("verder")
    assert "proberen" in reply.lower()  # the same question again
    status, body = stack.intake(conv.sender)
    assert "droombaan" in body["profile"]["unknown"]


def test_crisis_gets_numbers_at_once_and_an_urgent_flag(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:5])
    reply = conv.say("eigenlijk wil ik gewoon dood, ik zie het niet meer zitten")
    assert "113" in reply and "0800-0113" in reply and "112" in reply and "0800-2000" in reply
    assert "Verder met de vragen" in buttons(conv.last)
    status, body = stack.intake(conv.sender)
    assert body["profile"]["crisis"] is True
    reply = conv.say("verder")
    assert "droombaan" in reply.lower()


def test_pause_and_resume_where_it_stopped(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:6])  # asked for alternatives
    reply = conv.say("ik moet nu stoppen, later verder")
    assert "bewaard" in reply
    reply = conv.say("hoi")
    assert "welkom terug" in reply.lower()
    reply = conv.say("ja")
    assert "ander werk" in reply.lower()


def test_correction_during_the_intake_and_at_the_readback(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:5])
    reply = conv.say("oh wacht ik ben 24 niet 23")
    assert "24" in reply
    run_script(conv, COOPERATIVE[5:])
    reply = conv.say("nee")
    assert "aanpassen" in reply.lower()
    reply = conv.say("de uren kloppen niet, het is 16 uur")
    assert "16" in reply and "Klopt dit" in reply
    conv.say("ja")
    status, body = stack.intake(conv.sender)
    assert body["profile"]["age"] == 24
    assert body["profile"]["hours_per_week"] == 16
    assert body["status"] == "complete"


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        ("x" * 10_000, "lang bericht"),
        ("🙈🙈🙈", "emoji"),
        ("<script>alert(1)</script>kok", "ander werk"),
        ("   ", "geen tekst"),
    ],
    ids=["10000-chars", "emoji-only", "html", "blank"],
)
def test_bad_input_at_the_droombaan_is_handled_kindly(stack, bad: str, expected: str) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:5])
    reply = conv.say(bad)
    assert expected in reply.lower() or expected in reply
    status, body = stack.intake(conv.sender)
    assert body["profile"]["age"] == 23  # nothing given earlier is lost


def test_impossible_numbers_get_a_clear_answer(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:3])
    reply = conv.say("200")
    assert "leeftijd" in reply.lower() and "hoe oud" in reply.lower()
    run_script(conv, [("23", "aan het werk")])


def test_english_gets_a_dutch_answer_and_a_person(stack) -> None:
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE[:2])
    reply = conv.say("Sorry, I don't speak Dutch. Can we talk in English?")
    assert "Nederlands" in reply and "Bel" in reply
    assert "noemen" in reply  # the question again
