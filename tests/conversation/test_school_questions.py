"""PrO/VSO school mode: the school code, and stages, praktijkverklaring, overgangsdocument."""

from __future__ import annotations

import pytest

from bot.conversation import asking, closing, engine, school_codes
from bot.conversation.flow import required_slots
from bot.conversation.summary import readback_text

PUPIL = [  # "VSO De Brug" names the kind of school too, so that question is not asked
    "ik ben van school", "VSO De Brug", "arbeidsmarkt", "Daan", "17", "ja",
    "magazijnmedewerker", "vakken vullen", "eigen geld", "8", "7", "7", "juli 2027",
    "stage in een magazijn",
]
NEW = ("stage_result", "praktijkverklaring", "overgangsdocument")


def answer_all(script: list[str], values: dict | None = None) -> dict:
    values = dict(values or {})
    for text in script:
        slot = asking.upcoming_slot(values)
        result = engine.handle_answer(slot, text, values)
        assert result.accepted, (slot, text, [m.text for m in result.messages])
        values.update(result.slots)
    return values


@pytest.fixture
def codes():
    school_codes.set_resolver(lambda code: {"K7M3QX9P": "VSO De Brug"}.get(code))
    yield
    school_codes.set_resolver(None)


def test_school_mode_asks_the_leaving_questions_after_work_experience() -> None:
    values = answer_all(PUPIL)
    assert asking.upcoming_slot(values) == "stage_result"
    question = asking.question_messages("stage_result", values)[0]
    assert "stages van Daan" in question.text
    assert [b.title for b in question.buttons][:3] == ["Goed", "Wisselend", "Moeilijk"]
    why = asking.why_message("stage_result", values).text
    assert "Daan" in why and "stage" in why.lower()
    values = answer_all(["ging goed, hij was altijd op tijd", "komt nog", "nee"], values)
    assert values["stage_result"] == "goed" and values["stage_text"].startswith("ging goed")
    assert values["praktijkverklaring"] == "in_voorbereiding"
    assert values["overgangsdocument"] == "nee"
    assert asking.upcoming_slot(values) == "skills"

    profile = closing.profile_of(values)
    assert profile["school"]["stage"] == "goed"
    assert profile["school"]["overgangsdocument"] == "nee"
    text = readback_text(values)
    assert "Stages: gingen goed" in text and "Overgangsdocument: nee" in text


def test_a_self_intake_is_not_asked_about_school_documents() -> None:
    values = {"respondent": "self"}
    assert not set(NEW) & set(required_slots(values))


def test_dont_know_and_free_text_are_accepted() -> None:
    values = answer_all(PUPIL)
    values = answer_all(["weet ik niet", "hij heeft een VCA-certificaat", "weet ik niet"], values)
    profile = closing.profile_of(values)
    assert "school" in profile["unknown"]
    assert profile["school"]["praktijkverklaring"] == "ja"
    assert "stage" not in profile["school"]


def test_the_coach_summary_names_the_missing_overgangsdocument() -> None:
    values = answer_all(PUPIL + ["goed", "ja", "komt nog"])
    values.update(skills=["tillen"], summary_confirmed=True)
    outcome = closing.finish(values)
    assert "overgangsdocument: komt nog" in outcome.summary_text
    assert "Vraag het overgangsdocument op bij de school" in outcome.summary_text
    summary = outcome.person_summary
    assert summary["title"] == "Samenvatting: aanmelding van Daan"
    assert [s["heading"] for s in summary["sections"]] == ["Over de leerling", "Het advies"]


def test_a_typed_school_code_gives_the_exact_school_name(codes) -> None:
    values = answer_all(["ik ben van school"])
    result = engine.handle_answer("school_name", "k7m3-qx9p", values)
    assert result.slots["school_name"] == "VSO De Brug"
    assert "VSO De Brug" in result.messages[0].text


def test_an_unknown_code_asks_again_and_a_name_still_works(codes) -> None:
    values = answer_all(["ik ben van school"])
    result = engine.handle_answer("school_name", "BBBB-2222", values)
    assert not result.accepted and "schoolcode ken ik niet" in result.messages[0].text
    result = engine.handle_answer("school_name", "Praktijkschool Oost", values)
    assert result.slots["school_name"] == "Praktijkschool Oost"
