"""The school leaving date in the chat: asked in school mode and of pupils, read, stored in
the profile as school.leaving_date, and used by the advice (issue 10)."""

from __future__ import annotations

from datetime import date

from bot.conversation import asking, closing, engine
from bot.conversation.catalogue import LEFT_SCHOOL, UNKNOWN
from bot.conversation.flow import required_slots
from bot.conversation.profile_builder import build_profile

SLOT = "school_leaving_date"
SCHOOL = {
    "respondent": "school",
    "school_name": "De Rietlanden",
    "school_type": "PrO",
    "education": "PrO",
    "name": "Noor",
    "age": 17,
}


def test_school_staff_are_asked_when_the_pupil_leaves_school() -> None:
    assert SLOT in required_slots(SCHOOL)
    ask = asking.question_messages(SLOT, SCHOOL)[0]
    assert ask.text == "Wanneer gaat Noor van school?"
    assert [b.title for b in ask.buttons][-1] == "Weet ik niet"
    assert "Ik zit niet meer op school" not in [b.title for b in ask.buttons]


def test_a_job_seeker_from_pro_or_vso_is_asked_and_others_are_not() -> None:
    pupil = {"respondent": "self", "education": "VSO", "age": 17}
    assert SLOT in required_slots(pupil)
    assert SLOT not in required_slots({**pupil, "age": 23})  # no longer of school age
    ask = asking.question_messages(SLOT, pupil)[0]
    assert ask.text.startswith("Zit je nog op school?")
    assert "Ik zit niet meer op school" in [b.title for b in ask.buttons]
    assert SLOT not in required_slots({"respondent": "self", "education": "mbo2", "age": 17})


def test_why_and_what_do_you_mean_get_a_b1_answer() -> None:
    why = asking.why_message(SLOT, SCHOOL).text
    assert "jobcoach" in why and "einde van school" in why
    explain = engine.handle_answer(SLOT, "wat bedoel je?", SCHOOL)
    assert not explain.accepted and "juli 2027" in explain.messages[0].text


def test_buttons_and_free_text_are_read() -> None:
    for text in ("eind van dit schooljaar", "in juli 2027", "hij gaat over 2 jaar van school"):
        result = engine.handle_answer(SLOT, text, SCHOOL)
        assert result.accepted, text
        assert len(result.slots[SLOT]) == 7 and result.slots[SLOT][4] == "-"
    assert engine.handle_answer(SLOT, "weet ik niet", SCHOOL).slots[SLOT] == UNKNOWN
    left = engine.handle_answer(SLOT, "ik zit niet meer op school", {"respondent": "self"})
    assert left.slots[SLOT] == LEFT_SCHOOL


def test_a_yes_without_a_date_is_asked_again_with_an_example() -> None:
    result = engine.handle_answer(SLOT, "ja, ik zit nog op school", {"respondent": "self"})
    assert not result.accepted
    assert "juli 2027" in result.messages[0].text


def test_the_profile_holds_the_leaving_date() -> None:
    school = build_profile({**SCHOOL, SLOT: "2027-07"})
    assert school["school"]["leaving_date"] == "2027-07"
    pupil = build_profile({"respondent": "self", "education": "PrO", SLOT: "2028-07"})
    assert pupil["school"] == {
        "type": "PrO", "uitstroomprofiel": None, "name": None, "leaving_date": "2028-07",
    }  # fmt: skip
    unsure = build_profile({"respondent": "self", "education": "PrO", SLOT: UNKNOWN})
    assert unsure["school"]["leaving_date"] is None and "school" in unsure["unknown"]
    left = build_profile({"respondent": "self", "education": "PrO", SLOT: LEFT_SCHOOL})
    assert left["school"] is None  # no longer a pupil
    gone = build_profile({**SCHOOL, SLOT: LEFT_SCHOOL}, today=date(2027, 2, 1))
    assert gone["school"]["leaving_date"] == "2027-02"  # the end of school is reached


def test_the_advice_uses_the_leaving_date() -> None:
    from bot.triage import advise

    values = {
        **SCHOOL,
        "wants_to_work": "ja",
        "can_start_within_6_months": False,
        "can_earn_minimum_wage_alone": False,
        "age": 16,
    }
    soon = advise(build_profile({**values, SLOT: "2027-07"}), today=date(2027, 1, 10))
    later = advise(build_profile({**values, SLOT: "2029-07"}), today=date(2027, 1, 10))
    assert soon.route == "jobcoaching" and soon.rules[soon.route_reason][0] == (
        "jobcoaching_schoolverlater"
    )
    assert later.route == "niet_klaar" and later.rules[0][0] == "niet_klaar_nog_op_school"


def test_the_readback_and_the_coach_summary_name_the_leaving_date() -> None:
    values = {**SCHOOL, SLOT: "2027-07", "wants_to_work": "ja"}
    readback = asking.question_messages("summary_confirmed", values)[0].text
    assert "Klaar met school: juli 2027" in readback
    summary = closing.finish(values).summary_text
    assert "Van school: juli 2027." in summary


def test_the_job_seeker_hears_which_questions_are_still_open() -> None:
    values = {
        "respondent": "self",
        "name": "Sam",
        "wants_to_work": "ja",
        "can_earn_minimum_wage_alone": UNKNOWN,
        "start_moment": "weet ik niet",
        "can_start_within_6_months": None,
    }
    texts = [m.text for m in closing.finish(values).messages]
    open_questions = [t for t in texts if t.startswith("Deze vragen zijn nog open:")]
    assert open_questions, texts
    assert "of je zelf het minimumloon kunt verdienen" in open_questions[0]
    assert not any("Een paar vragen" in t for t in texts)


def test_contradictory_answers_reach_the_coach_summary() -> None:
    values = {
        "respondent": "self",
        "wants_to_work": "ja",
        "importance": 1,
        "confidence": 1,
        "readiness": 1,
    }
    outcome = closing.finish(values)
    assert [w["id"] for w in outcome.advice["warnings"]] == ["tegenstrijdig_ja_lage_motivatie"]
    assert "Let op, vraag dit na: Zegt ja op werken" in outcome.summary_text
