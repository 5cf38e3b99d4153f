"""The conversation core's turns (bot/conversation/turn.py), without Rasa and without a database:
the answers so far and a message in, slots, replies and saves out."""

from __future__ import annotations

from typing import Any

from bot.conversation import turn
from bot.conversation.catalogue import UNKNOWN
from bot.conversation.turn import Chat, Message
from bot.storage.record import FAILED, QUEUED, SAVED, IntakeRecord


class MemoryStorage:
    """A ``turn.ChatStorage`` that keeps every save in a list."""

    def __init__(self, result: str = SAVED, state: dict[str, Any] | None = None) -> None:
        self.saves: list[IntakeRecord] = []
        self.result = result
        self.state = state

    def save(self, record: IntakeRecord) -> str:
        self.saves.append(record)
        return self.result

    def saved_state(self, sender_id: str) -> dict[str, Any] | None:
        return self.state


def chat(storage: MemoryStorage, requested: str | None = None, **values: Any) -> Chat:
    slots = dict.fromkeys(turn.PERSISTED_SLOTS)
    slots.update(values)
    return Chat("p-1", slots, storage, requested=requested, in_form=requested is not None)


def say(text: str, intent: str = "inform", confidence: float = 0.95) -> Message:
    return Message(text=text, intent=intent, confidence=confidence)


def test_an_answer_is_stored_the_next_question_asked_and_progress_saved() -> None:
    storage = MemoryStorage()
    reply = turn.answer(chat(storage, "age", respondent="self", name="Sam"), say("ik ben 23"))
    assert reply.slots["age"] == 23
    assert reply.slots["intake_status"] == "in_progress"
    assert reply.slots[turn.REQUESTED_SLOT] == "wants_to_work"
    assert reply.messages and "werk" in reply.messages[-1].text
    (saved,) = storage.saves
    assert saved.status == "incomplete" and saved.profile["age"] == 23
    assert saved.conversation_state["slots"]["age"] == 23


def test_a_digression_is_rejected_and_nothing_saved() -> None:
    storage = MemoryStorage()
    reply = turn.answer(chat(storage, "age", respondent="self"), say("waarom vraag je dat?",
                                                                      intent="ask_why"))
    assert reply.reject and not reply.slots and storage.saves == []


def test_a_message_handled_already_is_not_read_again() -> None:
    storage = MemoryStorage()
    message = Message(text="23", intent="inform", confidence=0.9, fresh=False)
    reply = turn.answer(chat(storage, "age", respondent="self", name="Sam"), message)
    assert "age" not in reply.slots and storage.saves == []
    assert reply.slots[turn.REQUESTED_SLOT] == "age"


def test_a_crisis_at_the_life_domain_question_is_kept_there_and_saved_urgent() -> None:
    storage = MemoryStorage()
    reply = turn.crisis(
        chat(storage, "life_domains_open", respondent="self"),
        say("mijn vriend slaat me", intent="crisis"),
    )
    assert reply.slots["crisis"] is True and "violence" in reply.slots["crisis_signals"]
    assert "112" in "\n".join(m.text for m in reply.messages)
    assert reply.slots.get("life_domains_open")
    assert storage.saves[-1].urgent is True


def test_no_to_the_care_check_flags_urgent() -> None:
    storage = MemoryStorage()
    reply = turn.answer(
        chat(storage, "hours_per_week", respondent="self", care_check_pending=True),
        say("nee niet echt"),
    )
    assert reply.slots["crisis"] is True and reply.slots["care_check_pending"] is None
    assert any(s.urgent for s in storage.saves)


def test_finish_when_the_save_waits_tells_the_truth() -> None:
    values = {"respondent": "self", "name": "Sam", "age": 30, "wants_to_work": "ja",
              "summary_confirmed": True}
    queued = turn.finish(chat(MemoryStorage(QUEUED), **values))
    assert queued.slots == {"intake_status": "complete"}
    assert queued.custom and "intake_summary" in queued.custom[0]
    failed = turn.finish(chat(MemoryStorage(FAILED), **values))
    assert len(failed.messages) == 1  # only the truth: nothing was kept
    saved = MemoryStorage()
    turn.finish(chat(saved, **values))
    assert saved.saves[-1].status == "complete" and saved.saves[-1].advice["route"]


def test_a_new_session_restores_the_saved_answers() -> None:
    storage = MemoryStorage(state={"slots": {"respondent": "self", "age": 41, "other": 1}})
    reply = turn.start_session(Chat("p-1", {}, storage))
    assert reply.slots == {"respondent": "self", "age": 41, "intake_status": "in_progress"}


def test_after_the_advice_every_save_keeps_the_intake_complete() -> None:
    """A crisis told after the advice, or a number for a call back, must not take it away."""
    values = {"respondent": "self", "name": "Sam", "age": 30, "wants_to_work": "ja",
              "summary_confirmed": True, "intake_status": "complete"}
    storage = MemoryStorage()
    turn.crisis(chat(storage, **values), say("ik wil niet meer leven", intent="crisis"))
    turn.human(chat(storage, **values), say("bel me op 0612345678", intent="request_human"))
    assert [s.status for s in storage.saves] == ["complete", "complete"]
    assert all(s.advice and s.advice["route"] for s in storage.saves)
    assert storage.saves[0].urgent is True and storage.saves[0].advice["urgent"] is True


def test_the_coach_reads_words_for_every_crisis_signal() -> None:
    """A "nee" to the care check gives the signal "other": the coach reads words, not a code."""
    from bot.conversation.summary import coach_summary

    text = coach_summary({"crisis": True, "crisis_signals": ["other"], "unknown": []},
                         {"route": "niet_klaar", "reasons": [], "urgent": True})
    assert "signalen genoemd van ander acuut gevaar" in text and "other" not in text


def test_the_third_unreadable_answer_is_noted_as_open_and_the_intake_goes_on() -> None:
    """Free text is always accepted: no endless "Kies een van de knoppen"."""
    values = {"respondent": "self", "name": "Ayse", "life_domains_mentioned": ["financien"],
              "life_domains_open": "ik heb een huurachterstand"}
    storage = MemoryStorage()
    slots = dict(values)
    texts = []
    for text in ("nee", "bijstand", "de deurwaarder komt"):
        reply = turn.answer(chat(storage, "ld_financien", **slots), say(text))
        slots.update({k: v for k, v in reply.slots.items() if k != turn.REQUESTED_SLOT})
        texts.append(" ".join(m.text for m in reply.messages))
    assert slots["ld_financien"] == UNKNOWN  # "weet ik niet" in the profile: ask later
    assert reply.slots[turn.REQUESTED_SLOT] != "ld_financien"
    assert "nog open" in texts[-1] and "nog open" not in texts[0]
    assert slots.get("unread_count") is None
    # A readable answer in between starts the count again.
    slots = dict(values)
    for text in ("nee", "gaat slecht", "nee"):
        reply = turn.answer(chat(storage, "ld_financien", **slots), say(text))
        slots.update({k: v for k, v in reply.slots.items() if k != turn.REQUESTED_SLOT})
    assert slots["ld_financien"] == 2


def test_the_read_back_shows_the_persons_words_when_no_need_could_be_listed() -> None:
    from bot.conversation.summary import readback_lines

    lines = readback_lines({"respondent": "self", "support_needs": [],
                            "support_needs_text": "iemand die naast me staat"})
    assert "• Hulp bij: iemand die naast me staat" in lines
    assert "• Hulp bij: niets" in readback_lines({"respondent": "self", "support_needs": []})


def test_numbers_off_the_scale_keep_getting_the_scale() -> None:
    storage = MemoryStorage()
    slots = {"respondent": "self", "name": "Sam"}
    for text in ("250", "-3", "0", "300"):
        reply = turn.answer(chat(storage, "age", **slots), say(text))
        slots.update({k: v for k, v in reply.slots.items() if k != turn.REQUESTED_SLOT})
        assert reply.slots[turn.REQUESTED_SLOT] == "age", text
    assert slots.get("age") is None
