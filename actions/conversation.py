"""Actions around the intake form: session start, welcome, pause and resume, digressions,
safety, corrections and the closing advice. Each one is a few lines around ``bot.conversation``.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.common import (
    INTAKE_SLOTS,
    PERSISTED_SLOTS,
    latest_intent,
    latest_text,
    restored_values,
    save_complete,
    save_progress,
    say,
    slot_events,
    slot_values,
)
from bot.conversation import catalogue as cat
from bot.conversation import engine, school_codes
from bot.conversation.catalogue import BotMessage
from bot.conversation.readers import extract_contact, interpret, parser_of
from bot.nlp import parse


def _status(values: dict[str, Any]) -> str:
    if values.get("intake_status") in ("in_progress", "complete"):
        return str(values["intake_status"])
    return "in_progress" if values.get("respondent") else "new"


def _name_part(values: dict[str, Any]) -> str:
    name = values.get("name")
    return f", {name}" if isinstance(name, str) and name not in cat.NO_ANSWER else ""


class ActionSessionStart(Action):
    """Starts a session and restores answers saved earlier (pause, expiry, server restart)."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        carried = {k: v for k, v in tracker.slots.items() if k in PERSISTED_SLOTS and v is not None}
        if not any(k in INTAKE_SLOTS for k in carried):
            carried.update(restored_values(tracker.sender_id))
        carried["intake_status"] = _status(carried)
        return [SessionStarted(), *slot_events(carried), ActionExecuted("action_listen")]


class ActionWelcome(Action):
    """Welcome and privacy statement for a new person; a welcome back for someone returning."""

    def name(self) -> str:
        return "action_welcome"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        status = _status(values)
        respondent = values.get("respondent")
        name = values.get("name") if isinstance(values.get("name"), str) else "de leerling"
        code = next(tracker.get_latest_entity_values("school_code"), None)
        if status == "new" and code:
            return self._school_link(dispatcher, str(code))
        if status == "new":
            dispatcher.utter_message(text=cat.text("welcome", "self"))
            dispatcher.utter_message(text=cat.text("privacy"))
            # "Hoi, ik ben Marco, ik zit in de bijstand en wil graag werken": keep what was said.
            opening = engine.opening_answers(latest_text(tracker))
            say(dispatcher, opening.messages)
            return slot_events(opening.slots)
        elif status == "in_progress":
            text = cat.text(
                "welcome_back_in_progress", respondent, name_part=_name_part(values), name=name
            )
            say(dispatcher, [BotMessage(text, cat.buttons("welcome_back_buttons"))])
        else:
            text = cat.text(
                "welcome_back_complete", respondent, name_part=_name_part(values), name=name
            )
            say(dispatcher, [BotMessage(text, cat.buttons("complete_buttons"))])
        return []


    @staticmethod
    def _school_link(dispatcher: CollectingDispatcher, code: str) -> list[EventType]:
        """Started from a school's link: the questions are about a pupil, and the school's
        name comes from its code, so the school sees the pupil back in the workspace."""
        school = school_codes.resolve(parse.parse_school_code(code) or code)
        dispatcher.utter_message(text=cat.text("welcome_school"))
        dispatcher.utter_message(text=cat.text("privacy_school"))
        slots: dict[str, Any] = {"respondent": "school"}
        if school:
            slots["school_name"] = school
            dispatcher.utter_message(text=cat.text("school_link_ok", "school", school=school))
        else:
            dispatcher.utter_message(text=cat.text("school_link_unknown", "school"))
        return slot_events(slots)


class ActionResumeIntake(Action):
    def name(self) -> str:
        return "action_resume_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        if _status(values) == "new":
            # "verder" from someone who never started: that is a start.
            dispatcher.utter_message(text=cat.text("welcome", "self"))
            dispatcher.utter_message(text=cat.text("privacy"))
        elif values.get("crisis"):
            # Right after something heavy was told, "Fijn!" would sound as if it was not heard.
            dispatcher.utter_message(text=cat.text("resume_after_crisis", values.get("respondent")))
        else:
            dispatcher.utter_message(text=cat.text("resume"))
        return []


class ActionRestartIntake(Action):
    """Forgets every answer (also the stored ones) and starts again."""

    def name(self) -> str:
        return "action_restart_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        cleared = dict.fromkeys(INTAKE_SLOTS)
        save_progress(tracker, cleared, urgent=bool(tracker.get_slot("crisis")))
        dispatcher.utter_message(text=cat.text("restart"))
        return [
            *slot_events(cleared),
            SlotSet("intake_status", "new"),
            SlotSet(REQUESTED_SLOT, None),
        ]


class ActionPauseIntake(Action):
    def name(self) -> str:
        return "action_pause_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        if _status(values) == "complete":
            dispatcher.utter_message(text=cat.text("goodbye_after_finish"))
            return []
        dispatcher.utter_message(text=cat.text("pause", values.get("respondent")))
        if _status(values) == "in_progress":
            save_progress(tracker, values)
        return []


class ActionDigression(Action):
    """Short answers to questions in between; the form then asks its question again."""

    def name(self) -> str:
        return "action_digression"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        intent, _ = latest_intent(tracker)
        requested = tracker.get_slot(REQUESTED_SLOT) if tracker.active_loop.get("name") else None
        respondent = values.get("respondent")
        if intent == "ask_why":
            message = engine.why_message(requested, values)
            dispatcher.utter_message(text=message.text)
        elif intent == "ask_privacy":
            dispatcher.utter_message(text=cat.text("privacy_info"))
        elif intent == "ask_info":
            message = engine.info_message(latest_text(tracker), values, requested)
            dispatcher.utter_message(text=message.text)
        elif intent == "greet":
            dispatcher.utter_message(text=cat.text("greet_again"))
        elif intent == "chitchat" and engine.is_insult(latest_text(tracker)):
            dispatcher.utter_message(text=cat.text("insult"))
        elif intent in ("chitchat", "bot_challenge", "out_of_scope", "other_language", "thank"):
            dispatcher.utter_message(text=cat.text(intent, respondent))
        else:
            dispatcher.utter_message(text=cat.text("fallback"))
        if not requested and _status(values) == "in_progress" and intent != "thank":
            say(
                dispatcher,
                [BotMessage(cat.text("continue_question"), cat.buttons("continue_buttons"))],
            )
        elif not requested and _status(values) == "new" and intent == "other_language":
            # Not started yet: offer to start in Dutch or to reach a person, not a dead end.
            say(
                dispatcher,
                [BotMessage(cat.text("language_start"), cat.buttons("language_start_buttons"))],
            )
        return []


class ActionHumanHandoff(Action):
    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        respondent = values.get("respondent")
        events: list[EventType] = [SlotSet("wants_human", True)]
        values["wants_human"] = True
        if values.get("crisis"):
            dispatcher.utter_message(text=cat.text("human_after_crisis", respondent))
        # "Kunnen jullie mij terugbellen? 06 ...": keep the number so a person calls back.
        contact = extract_contact(latest_text(tracker))
        if contact:
            values["contact"] = contact
            events.append(SlotSet("contact", contact))
            save_progress(tracker, values)
            dispatcher.utter_message(text=cat.text("callback_noted", respondent))
        else:
            dispatcher.utter_message(text=cat.text("human", respondent))
            if _status(values) == "in_progress":
                save_progress(tracker, values)
        if _status(values) == "in_progress":
            say(
                dispatcher,
                [BotMessage(cat.text("human_continue"), cat.buttons("continue_buttons"))],
            )
        return events


class ActionCrisisSupport(Action):
    """Safety first: the numbers at once, an urgent flag on the intake, the choice to go on."""

    def name(self) -> str:
        return "action_crisis_support"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        text = latest_text(tracker)
        earlier = [s for s in values.get("crisis_signals") or [] if s != "other"]
        now = engine.crisis_signals(text)
        # The numbers again in full only when something new came up in this conversation.
        again = bool(values.get("crisis")) and set(now) <= set(earlier)
        say(dispatcher, engine.crisis_messages(now, values.get("respondent"), again=again))
        signals = list(dict.fromkeys([*(values.get("crisis_signals") or []), *now]))
        updates: dict[str, Any] = {"crisis": True, "crisis_signals": signals or ["other"]}
        # When the crisis came up as the answer to the open life-domain question, keep it there
        # too (it is what the person said about their life); never as e.g. their droombaan.
        requested = tracker.get_slot(REQUESTED_SLOT)
        if requested and parser_of(requested) == "life_domains":
            reading = interpret(requested, text, values)
            if reading.accepted:
                updates.update(reading.slots)
        values.update(updates)
        save_progress(tracker, values, urgent=True)
        return slot_events(updates)


class ActionCorrectAnswer(Action):
    """ "Ik bedoel 20 uur" / "mijn leeftijd klopt niet": update or ask again."""

    def name(self) -> str:
        return "action_correct_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        was_complete = _status(values) == "complete"
        result = engine.handle_correction(latest_text(tracker), values)
        say(dispatcher, result.messages)
        values.update(result.slots)
        if was_complete:
            # A change after the end: the stored intake stays complete, with the advice worked
            # out again on the new answers (the read-back that follows can confirm it once more).
            save_complete(tracker, values)
        elif _status(values) != "new":
            save_progress(tracker, values)
        # intake_status stays as it is: the form sets it again when the next answer comes in.
        return slot_events(result.slots)


class ActionFinishIntake(Action):
    """The intake is confirmed: advice, closing words, and the complete summary stored."""

    def name(self) -> str:
        return "action_finish_intake"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        outcome = save_complete(tracker, values)
        say(dispatcher, outcome.messages)
        if outcome.person_summary:
            # Extra to contract §1: a "custom" item the widget offers to print or download.
            dispatcher.utter_message(json_message={"intake_summary": outcome.person_summary})
        return [SlotSet("intake_status", "complete")]


class ActionGoodbye(Action):
    def name(self) -> str:
        return "action_goodbye"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        values = slot_values(tracker)
        intent, _ = latest_intent(tracker)
        if _status(values) == "new" and intent == "goodbye":
            # "Dag" is also a greeting: nothing started yet, so offer to begin.
            say(dispatcher, [BotMessage(cat.text("start_offer"), cat.buttons("start_buttons"))])
            return []
        key = "goodbye_after_finish" if _status(values) == "complete" else "goodbye"
        dispatcher.utter_message(text=cat.text(key))
        if _status(values) == "in_progress":
            save_progress(tracker, values)
        return []


class ActionDefaultFallback(Action):
    """When no rule or story fits: say so kindly, offer to go on or to talk to a person."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        say(dispatcher, [BotMessage(cat.text("fallback"), cat.buttons("fallback_buttons"))])
        return []
