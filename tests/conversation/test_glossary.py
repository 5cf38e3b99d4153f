"""Explaining words and questions: "wat betekent sociaal netwerk?", "wat bedoel je?"."""

from __future__ import annotations

import re

import pytest

from bot.conversation import asking, engine
from bot.conversation import catalogue as cat


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("wat betekent sociaal netwerk?", "netwerk"),
        ("wat bedoel je met werknemersvaardigheden", "werknemersvaardigheden"),
        ("wat zijn vaardigheden eigenlijk", "vaardigheden"),
        ("wat is EPA precies?", "epa"),
        ("wat is een fact-team?", "fact"),
        ("wat is de ggz", "ggz"),
        ("telt een stage ook?", "stage"),
        ("is vrijwilligers werk ook werkervaring?", "werkervaring"),
        ("wat is een bewindvoerder", "bewind"),
        ("wat doet schuldhulp", "schuldhulp"),
        ("wat is een OPP", "uitstroomprofiel"),
        ("wat is de Wajong", "wajong"),
        ("wat is mantelzorg?", "mantelzorg"),
        ("wat is fulltime", "fulltime"),
        ("mijn bsn?", "bsn"),
        ("wat is IPS en wat is de Wmo", "ips"),
        ("hoe lang duurt dit nog", "duration"),
        ("wat gebeurt er na de vragen", "next"),
        ("wat is een uitkering", "uitkering"),
        ("wat doet een job coach", "jobcoach"),
        ("wat is een leefgebied", "leefgebied"),
        ("wat moet ik met diploma erkennen", "diploma_erkennen"),
        ("Wat betekent wo bij opleiding?", "hbo_wo"),
        ("Wat bedoel je met aanpassingen?", "aanpassing"),
        ("poh-ggz. is dat ggz?", "poh"),
        ("wat bedoel je met houden", "houden"),
    ],
)
def test_words_people_ask_about_are_found(question: str, key: str) -> None:
    entry = cat.explain_word(question)
    assert entry is not None and entry.key == key


def test_a_question_without_a_known_word_finds_nothing() -> None:
    assert cat.explain_word("wat is dat?") is None
    assert cat.explain_word("kun je dat anders zeggen") is None


@pytest.mark.parametrize("entry", cat.glossary(), ids=lambda e: e.key)
def test_explanations_are_short_b1_sentences(entry: cat.GlossaryEntry) -> None:
    sentences = [s for s in re.split(r"[.?!]\s", entry.text) if s.strip()]
    assert len(sentences) <= 5, entry.text
    assert all(len(s.split()) <= 22 for s in sentences), entry.text
    filled = cat.fill(entry.text, position=3, total=24)
    assert "{" not in filled, filled


def test_the_glossary_answers_a_question_asked_instead_of_an_answer() -> None:
    # Asked during the life-domain follow-up: explained, nothing stored.
    result = engine.handle_answer("life_domain_followup", "wat betekent sociaal netwerk?", {})
    assert not result.slots
    assert "mensen om je heen" in result.messages[0].text


@pytest.mark.parametrize(
    "slot",
    [
        "respondent",
        "wants_to_work",
        "motivation_text",
        "education",
        "work_experience",
        "skills",
        "hours_per_week",
        "life_domain_followup",
        "contact",
        "summary_confirmed",
    ],
)
def test_wat_bedoel_je_explains_the_question_in_other_words(slot: str) -> None:
    why = asking.why_message(slot, {"name": "Sam"}).text
    explained = engine.handle_answer(slot, "wat bedoel je?", {"name": "Sam"})
    assert not explained.slots
    assert explained.messages[0].text != why


def test_school_staff_get_the_school_explanation() -> None:
    values = {"respondent": "school", "name": "Sam"}
    text = asking.explain_message("hours_per_week", values).text
    assert "leerling" in text
