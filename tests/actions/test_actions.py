"""The rasa-sdk actions, each run with a Tracker and a CollectingDispatcher."""

from __future__ import annotations

import asyncio

import pytest
from rasa_sdk.events import SlotSet

from actions.conversation import (
    ActionCorrectAnswer,
    ActionCrisisSupport,
    ActionDigression,
    ActionFinishIntake,
    ActionGoodbye,
    ActionHumanHandoff,
    ActionPauseIntake,
    ActionRestartIntake,
    ActionResumeIntake,
    ActionSessionStart,
    ActionWelcome,
)
from actions.forms import ValidateIntakeForm
from bot.conversation.flow import all_form_slots
from tests.actions.conftest import make_tracker, texts

DOMAIN: dict = {}


def run(action, dispatcher, tracker) -> list[dict]:
    return asyncio.run(action.run(dispatcher, tracker, DOMAIN))


def slot_sets(events: list[dict]) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def test_validation_reads_the_answer_chooses_the_next_question_and_saves(
    dispatcher, database
) -> None:
    tracker = make_tracker(
        {"requested_slot": "hours_per_week", "respondent": "self"}, text="twintig uur"
    )
    events = run(ValidateIntakeForm(), dispatcher, tracker)
    values = slot_sets(events)
    assert values["hours_per_week"] == 20
    assert values["requested_slot"] == "name"  # the first question still open
    assert values["intake_status"] == "in_progress"
    stored = database.get_intake("tester-1")
    assert stored["status"] == "incomplete" and stored["profile"]["hours_per_week"] == 20


def test_validation_rejects_a_digression_so_a_rule_can_answer_it(dispatcher) -> None:
    tracker = make_tracker(
        {"requested_slot": "age"}, text="waarom wil je dat weten?", intent="ask_why"
    )
    assert run(ValidateIntakeForm(), dispatcher, tracker) == []
    assert dispatcher.messages == []


def test_validation_after_a_digression_does_not_read_the_message_again(dispatcher) -> None:
    tracker = make_tracker(
        {"requested_slot": "age"},
        text="waarom wil je dat weten?",
        intent="ask_why",
        after_user=[
            {"event": "action", "name": "action_extract_slots"},
            {"event": "action_execution_rejected", "name": "intake_form"},
            {"event": "action", "name": "action_digression"},
        ],
    )
    events = run(ValidateIntakeForm(), dispatcher, tracker)
    assert slot_sets(events) == {"requested_slot": "respondent"}  # just the next question


def test_validation_of_a_bad_answer_keeps_the_question_and_says_why(dispatcher, database) -> None:
    tracker = make_tracker(
        {"requested_slot": "age", "respondent": "self", "name": "Sam"}, text="200"
    )
    events = run(ValidateIntakeForm(), dispatcher, tracker)
    values = slot_sets(events)
    assert values["age"] is None and values["requested_slot"] == "age"
    assert "leeftijd" in texts(dispatcher).lower()
    assert database.get_intake("tester-1")["profile"]["name"] == "Sam"  # nothing lost


def test_validation_tells_when_a_long_message_was_clipped(dispatcher) -> None:
    tracker = make_tracker(
        {"requested_slot": "droombaan"}, text="kok " * 250, latest_extra={"input_truncated": True}
    )
    events = run(ValidateIntakeForm(), dispatcher, tracker)
    assert slot_sets(events)["droombaan"].startswith("kok kok")
    assert "lang bericht" in texts(dispatcher)


def test_validation_asks_the_next_question_in_the_wording_that_fits(dispatcher) -> None:
    tracker = make_tracker(
        {"requested_slot": "name", "respondent": "school"},
        text="Noor",
        after_user=[{"event": "action", "name": "action_extract_slots"}],
    )
    events = run(ValidateIntakeForm(), dispatcher, tracker)
    assert slot_sets(events)["requested_slot"] == "school_name"
    assert "school" in texts(dispatcher).lower()  # asked at once, no second action call
    dispatcher.messages.clear()
    tracker = make_tracker(
        {"requested_slot": "age", "respondent": "self", "name": "Sam"}, text="19"
    )
    run(ValidateIntakeForm(), dispatcher, tracker)
    assert "werk" in texts(dispatcher).lower() and dispatcher.messages[-1]["buttons"]


def test_validation_asks_about_the_pupil_in_school_mode(dispatcher) -> None:
    slots = {
        "respondent": "school",
        "school_name": "De Brug",
        "school_type": "PrO",
        "name": "Noor",
        "age": 17,
        "wants_to_work": "ja",
        "requested_slot": "droombaan",
    }
    after_digression = [{"event": "action", "name": "action_digression"}]
    run(ValidateIntakeForm(), dispatcher, make_tracker(slots, after_user=after_digression))
    assert "Noor" in texts(dispatcher)


def test_validation_asks_nothing_once_the_summary_is_confirmed(dispatcher, database) -> None:
    slots = {slot: "onbekend" for slot in all_form_slots() if slot != "summary_confirmed"}
    slots.update(respondent="self", requested_slot="summary_confirmed")
    events = run(ValidateIntakeForm(), dispatcher, make_tracker(slots, text="ja, klopt"))
    assert slot_sets(events)["requested_slot"] is None
    assert slot_sets(events)["summary_confirmed"] is True
    assert not any(m.get("buttons") for m in dispatcher.messages)


def test_why_answers_the_question_that_was_asked(dispatcher) -> None:
    tracker = make_tracker({"requested_slot": "benefit"}, text="waarom?", intent="ask_why")
    run(ActionDigression(), dispatcher, tracker)
    assert "uitkering" in texts(dispatcher)


def test_crisis_gives_the_numbers_and_flags_the_intake_urgent_at_once(dispatcher, database) -> None:
    tracker = make_tracker(
        {"requested_slot": "life_domains_open", "respondent": "self"},
        text="mijn vader slaat mij en ik wil soms dood",
        intent="crisis",
    )
    events = run(ActionCrisisSupport(), dispatcher, tracker)
    said = texts(dispatcher)
    for number in ("0800-0113", "112", "0800-2000"):
        assert number in said
    values = slot_sets(events)
    assert values["crisis"] is True and set(values["crisis_signals"]) >= {"violence", "suicide"}
    assert values["life_domains_open"]  # what they said about their life is kept
    stored = database.get_intake("tester-1")
    assert stored["urgent"] is True and stored["profile"]["crisis"] is True


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        ("mijn vriend slaat me", "Veilig Thuis"),
        ("ik wil er niet meer zijn", "113"),
        ("ik slaap vannacht op straat", "slaapplek"),
    ],
)
def test_crisis_leads_with_the_right_line_and_always_gives_all_numbers(
    dispatcher, database, text: str, first_line: str
) -> None:
    tracker = make_tracker({"requested_slot": "droombaan"}, text=text, intent="crisis")
    run(ActionCrisisSupport(), dispatcher, tracker)
    numbers = dispatcher.messages[1]["text"]
    assert first_line in numbers.splitlines()[0]
    for number in ("0800-0113", "112", "0800-2000"):
        assert number in numbers
    assert "fijn" not in texts(dispatcher).lower()
    assert dispatcher.messages[-1]["buttons"]  # go on, talk to someone, stop


def test_school_staff_reporting_violence_get_the_meldcode_not_a_victim_text(
    dispatcher, database
) -> None:
    tracker = make_tracker(
        {"requested_slot": "life_domains_open", "respondent": "school", "name": "Lotte"},
        text="haar stiefvader slaat haar",
        intent="crisis",
    )
    run(ActionCrisisSupport(), dispatcher, tracker)
    said = texts(dispatcher)
    assert "meldcode" in said and "0800-2000" in said and "112" in said
    assert "Denk je aan zelfmoord" not in said and "Dank u" in said


def test_crisis_again_gets_a_short_reminder_and_a_person_gets_the_night_lines(
    dispatcher, database
) -> None:
    slots = {"requested_slot": "droombaan", "crisis": True, "crisis_signals": ["suicide"]}
    tracker = make_tracker(slots, text="ik ga mezelf niks aandoen hoor, is gwn zwaar")
    run(ActionCrisisSupport(), dispatcher, tracker)
    assert len(dispatcher.messages) == 1 and "0800-0113" in texts(dispatcher)
    dispatcher.messages.clear()
    run(ActionHumanHandoff(), dispatcher, make_tracker(slots, text="ik wil met iemand praten"))
    first = dispatcher.messages[0]["text"]
    assert "dag en nacht" in first and "0800-0113" in first and "112" in first


def test_session_start_restores_answers_saved_earlier(dispatcher, database) -> None:
    database.save_intake(
        "returning-1",
        status="incomplete",
        profile={"respondent": "self", "name": "Ali"},
        conversation_state={"slots": {"respondent": "self", "name": "Ali", "age": 30}},
    )
    tracker = make_tracker({}, sender="returning-1", active_loop=None)
    events = run(ActionSessionStart(), dispatcher, tracker)
    values = slot_sets(events)
    assert values["name"] == "Ali" and values["age"] == 30
    assert values["intake_status"] == "in_progress"
    assert events[0]["event"] == "session_started" and events[-1]["name"] == "action_listen"


def test_welcome_back_offers_to_go_on(dispatcher) -> None:
    tracker = make_tracker(
        {"intake_status": "in_progress", "name": "Ali", "respondent": "self"}, active_loop=None
    )
    run(ActionWelcome(), dispatcher, tracker)
    assert "Welkom terug, Ali" in texts(dispatcher)
    assert [b["title"] for b in dispatcher.messages[0]["buttons"]] == [
        "Ja, verder",
        "Opnieuw beginnen",
    ]


def test_pause_keeps_the_answers(dispatcher, database) -> None:
    tracker = make_tracker(
        {"intake_status": "in_progress", "respondent": "self", "age": 40}, text="stop"
    )
    run(ActionPauseIntake(), dispatcher, tracker)
    assert "bewaard" in texts(dispatcher)
    assert database.get_conversation_state("tester-1")["slots"]["age"] == 40


def test_restart_forgets_the_answers(dispatcher, database) -> None:
    tracker = make_tracker({"intake_status": "in_progress", "respondent": "self", "age": 40})
    values = slot_sets(run(ActionRestartIntake(), dispatcher, tracker))
    assert values["age"] is None and values["intake_status"] == "new"
    assert database.get_intake("tester-1")["profile"].get("age") is None


def test_correction_updates_the_answer_it_names(dispatcher) -> None:
    tracker = make_tracker(
        {
            "intake_status": "in_progress",
            "respondent": "self",
            "hours_per_week": 24,
            "last_answered_slot": "age",
            "age": 30,
        },
        text="mijn uren kloppen niet, het is 16 uur",
        intent="correct",
    )
    values = slot_sets(run(ActionCorrectAnswer(), dispatcher, tracker))
    assert values["hours_per_week"] == 16 and "age" not in values
    assert "16 uur" in texts(dispatcher)


def test_finish_stores_a_complete_summary_with_the_advice(dispatcher, database) -> None:
    slots = {
        "respondent": "self",
        "name": "Eva",
        "age": 35,
        "wants_to_work": "ja",
        "droombaan": "kok",
        "in_ggz_treatment": True,
        "severe_mental_illness": True,
        "can_earn_minimum_wage_alone": False,
        "hours_per_week": 12,
        "summary_confirmed": True,
        "ld_financien": 1,
        "life_domains_mentioned": ["financien"],
        "life_domains_open": "veel schulden",
    }
    events = run(ActionFinishIntake(), dispatcher, make_tracker(slots, active_loop=None))
    assert SlotSet("intake_status", "complete") in events
    said = texts(dispatcher)
    assert "IPS" in said and "Waarom?" in said and "klantbegeleider" in said
    stored = database.get_intake("tester-1")
    assert stored["status"] == "complete"
    assert stored["advice"]["route"] == "ips"  # zero exclusion, debts or not
    assert stored["urgent"] is True  # a life domain at 1 (acute)
    assert "Eva (35)" in stored["summary_text"]


def test_a_callback_request_with_a_number_is_stored_for_a_person(dispatcher, database) -> None:
    tracker = make_tracker(
        {"intake_status": "new"},
        text="kunnen jullie mij niet terugbellen? 0611122233",
        intent="request_human",
        active_loop=None,
    )
    values = slot_sets(run(ActionHumanHandoff(), dispatcher, tracker))
    assert values["wants_human"] is True and values["contact"].startswith("0611122233")
    stored = database.get_intake("tester-1")
    assert stored["profile"]["wants_human"] is True
    assert "0611122233" in stored["profile"]["contact"]
    assert "bewaard" in texts(dispatcher)


def test_asking_for_a_person_without_a_number_offers_a_callback(dispatcher) -> None:
    tracker = make_tracker(
        {"intake_status": "new"}, text="ik wil iemand bellen", intent="request_human",
        active_loop=None,
    )
    run(ActionHumanHandoff(), dispatcher, tracker)
    assert "bel mij terug" in texts(dispatcher)


def test_going_on_after_a_crisis_does_not_say_fijn(dispatcher) -> None:
    tracker = make_tracker(
        {"intake_status": "in_progress", "crisis": True}, text="verder", intent="affirm",
        active_loop=None,
    )
    run(ActionResumeIntake(), dispatcher, tracker)
    assert "Fijn" not in texts(dispatcher) and "rustig" in texts(dispatcher)


def test_dag_from_someone_new_is_a_greeting_with_a_start_button(dispatcher) -> None:
    tracker = make_tracker({"intake_status": "new"}, text="dag", intent="goodbye", active_loop=None)
    run(ActionGoodbye(), dispatcher, tracker)
    buttons = [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert "/greet" in buttons


def test_a_care_check_keeps_the_message_out_of_the_answers(dispatcher, database) -> None:
    tracker = make_tracker(
        {"requested_slot": "droombaan", "respondent": "self", "name": "Sam"},
        text="ik heb echt nergens meer zin in",
        intent="crisis",
        confidence=0.9,
    )
    values = slot_sets(run(ValidateIntakeForm(), dispatcher, tracker))
    assert values.get("droombaan") is None and values["care_check_pending"] is True
    assert "Gaat het goed met je?" in texts(dispatcher)


def test_no_to_the_care_check_gives_the_numbers_and_flags_urgent(dispatcher, database) -> None:
    tracker = make_tracker(
        {"requested_slot": "droombaan", "respondent": "self", "care_check_pending": True},
        text="nee niet echt",
    )
    values = slot_sets(run(ValidateIntakeForm(), dispatcher, tracker))
    assert values["crisis"] is True and values.get("droombaan") is None
    assert "0800-0113" in texts(dispatcher)
    assert database.get_intake("tester-1")["urgent"] is True


def test_yes_to_the_care_check_goes_on_without_storing_it(dispatcher) -> None:
    tracker = make_tracker(
        {"requested_slot": "droombaan", "respondent": "self", "care_check_pending": True},
        text="het gaat wel",
    )
    values = slot_sets(run(ValidateIntakeForm(), dispatcher, tracker))
    assert values.get("droombaan") is None and not values.get("crisis")
    assert values["care_check_pending"] is None


def test_a_change_after_the_end_keeps_the_intake_complete(dispatcher, database) -> None:
    from tests.conversation.test_engine_flow import SELF_SCRIPT, answer_all

    values = answer_all(SELF_SCRIPT)
    values.update(intake_status="complete", summary_confirmed=True)
    tracker = make_tracker(
        values, text="ik wil mijn uren veranderen naar 16", intent="correct", active_loop=None
    )
    run(ActionCorrectAnswer(), dispatcher, tracker)
    stored = database.get_intake("tester-1")
    assert stored["status"] == "complete" and stored["advice"]["route"]
    assert stored["profile"]["hours_per_week"] == 16


def test_answering_again_after_the_end_keeps_the_stored_intake_complete(
    dispatcher, database
) -> None:
    from tests.conversation.test_engine_flow import SELF_SCRIPT, answer_all

    values = answer_all(SELF_SCRIPT)
    values.update(intake_status="complete", hours_per_week=None, requested_slot="hours_per_week")
    tracker = make_tracker(values, text="16 uur")
    run(ValidateIntakeForm(), dispatcher, tracker)
    stored = database.get_intake("tester-1")
    assert stored["status"] == "complete" and stored["advice"]["route"]
    assert stored["profile"]["hours_per_week"] == 16

