"""One chat turn, one call: the answers so far and the message in; slots, replies and the save out.

Every Rasa action is a thin adapter around one function here (``actions/``): it turns the
tracker into a ``Chat`` and a ``Message``, calls the function, and hands the ``Reply`` back to
Rasa. The decisions of a turn live here: the intake status, the care check after a heavy
message, merging a crisis into what was said, and which save to make (``saving.py``: progress,
or complete with the advice). Storage is passed in (``chat.ChatStorage``), so this module never
opens a database and the whole turn can be tested without Rasa.
"""

from __future__ import annotations

from typing import Any

from bot.conversation import asking, engine, safety, school_codes
from bot.conversation import catalogue as cat
from bot.conversation.catalogue import UNKNOWN, BotMessage
from bot.conversation.chat import (
    INTAKE_SLOTS,
    PERSISTED_SLOTS,
    REQUESTED_SLOT,
    Chat,
    ChatStorage,
    Message,
    Reply,
    chat_status,
)
from bot.conversation.readers import REQUIRED, interpret, parser_of
from bot.conversation.saving import save_complete, save_progress
from bot.nlp import parse, replies
from bot.nlp.contact import extract_contact

# The third message in a row that cannot be read as the answer is noted as "still open".
MAX_UNREAD = 3

__all__ = [
    "INTAKE_SLOTS", "PERSISTED_SLOTS", "REQUESTED_SLOT", "Chat", "ChatStorage", "Message",
    "Reply", "answer", "chat_status", "correct", "crisis", "digression", "fallback", "finish",
    "goodbye", "human", "pause", "restart", "resume", "start_session", "welcome",
]


def _name_part(values: dict[str, Any]) -> str:
    name = values.get("name")
    return f", {name}" if isinstance(name, str) and name not in cat.NO_ANSWER else ""


# --- the form: one answer ---------------------------------------------------------------------


def answer(chat: Chat, message: Message) -> Reply:
    """The form's turn: read the message as the answer to the open question, ask the next
    one, save progress. A digression is rejected, so a rule can answer it."""
    values = dict(chat.values)
    reply = Reply()
    requested = chat.requested
    answered = False
    if requested and message.fresh:
        text = message.text
        if engine.is_digression(message.intent, message.confidence, text, requested):
            return Reply(reject=True)
        updates = _read_answer(chat, values, requested, message, reply)
        # Always set the asked slot (None when the answer could not be read), so the form
        # does not reject a message that was meant as an answer: it asks again instead.
        updates.setdefault(requested, values.get(requested))
        values.update(updates)
        reply.slots.update(updates)
        answered = True
    reopened = values.get("intake_status") == "complete"
    if values.get("intake_status") not in ("in_progress", "complete") and answered:
        values["intake_status"] = "in_progress"
        reply.slots["intake_status"] = "in_progress"
    upcoming = asking.upcoming_slot(values)
    reply.slots[REQUESTED_SLOT] = upcoming
    if upcoming:
        # Asking here saves a second call to the action server per turn: the domain has no
        # action_ask_<slot>, so the form itself asks nothing (Rasa allows this).
        reply.say(*asking.question_messages(upcoming, values))
    if answered and reopened:
        # Changing answers after the advice: the stored intake stays complete, with the
        # advice worked out again, until the read-back is confirmed once more.
        save_complete(chat, values)
    elif answered:
        save_progress(chat, values)
    return reply


def _read_answer(
    chat: Chat, values: dict[str, Any], requested: str, message: Message, reply: Reply
) -> dict[str, Any]:
    """The slot updates for one answer, with the care check in front of it."""
    text = message.text
    updates: dict[str, Any] = {}
    pending = values.get("care_check_pending")
    care = replies.care_check_reply(text) if pending else None
    if pending:
        updates["care_check_pending"] = None
    if care == "not_ok":
        # "Nee, niet echt" to "Gaat het goed met je?": the numbers and the urgent flag.
        reply.say(*safety.care_messages(values))
        signals = list(dict.fromkeys([*(values.get("crisis_signals") or []), "other"]))
        updates.update(crisis=True, crisis_signals=signals)
        values.update(updates)
        save_progress(chat, values, urgent=True)
    elif care == "ok":
        reply.text(cat.text("care_check_ok"))
    elif safety.care_check_needed(message.intent, message.confidence, text):
        # Something heavy may have been said: ask first, and do not keep the message as the
        # answer to the question (it was not meant as one).
        reply.say(safety.care_check_message())
        updates["care_check_pending"] = True
    else:
        result = engine.handle_answer(requested, text, values, truncated=message.truncated)
        updates.update(result.slots)
        # A number off the scale gets the scale in the hint, every time; words that cannot be
        # read are what must not loop.
        unread = result.unread and parse.parse_number(text) is None
        misses = int(values.get("unread_count") or 0) + 1 if unread else 0
        if misses >= MAX_UNREAD and requested not in REQUIRED:
            # Free text is always accepted: after two hints the words are not lost in a loop;
            # the question stays open for the klantbegeleider ("weet ik niet" in the profile).
            updates.update({requested: UNKNOWN, "last_answered_slot": requested})
            reply.text(cat.text("unread_noted", values.get("respondent")))
            misses = 0
        else:
            reply.say(*result.messages)
        if misses or values.get("unread_count"):
            updates["unread_count"] = misses or None
    return updates


# --- around the form --------------------------------------------------------------------------


def start_session(chat: Chat, message: Message | None = None) -> Reply:
    """A new session carries the answers over; after a restart of the server they come from
    the saved state (pause, expiry, another server)."""
    carried = {k: v for k, v in chat.values.items() if k in PERSISTED_SLOTS and v is not None}
    if not any(k in INTAKE_SLOTS for k in carried):
        saved = chat.storage.saved_state(chat.sender_id) or {}
        slots = saved.get("slots") or {}
        carried.update({k: v for k, v in slots.items() if k in PERSISTED_SLOTS})
    carried["intake_status"] = chat_status(carried)
    return Reply(slots=carried)


def welcome(chat: Chat, message: Message) -> Reply:
    """Welcome and privacy statement for a new person; a welcome back for someone returning."""
    values = chat.values
    reply = Reply()
    now = chat_status(values)
    respondent = values.get("respondent")
    name = values.get("name") if isinstance(values.get("name"), str) else "de leerling"
    if now == "new" and message.school_code:
        return _school_link(message.school_code)
    if now == "new":
        reply.text(cat.text("welcome", "self"))
        reply.text(cat.text("privacy"))
        # "Hoi, ik ben Marco, ik zit in de bijstand en wil graag werken": keep what was said.
        opening = engine.opening_answers(message.text)
        reply.say(*opening.messages)
        reply.slots.update(opening.slots)
    else:
        key = "welcome_back_in_progress" if now == "in_progress" else "welcome_back_complete"
        buttons = "welcome_back_buttons" if now == "in_progress" else "complete_buttons"
        text = cat.text(key, respondent, name_part=_name_part(values), name=name)
        reply.say(BotMessage(text, cat.buttons(buttons)))
    return reply


def _school_link(code: str) -> Reply:
    """Started from a school's link: the questions are about a pupil, and the school's name
    comes from its code, so the school sees the pupil back in the workspace."""
    reply = Reply(slots={"respondent": "school"})
    school = school_codes.resolve(parse.parse_school_code(code) or code)
    reply.text(cat.text("welcome_school"))
    reply.text(cat.text("privacy_school"))
    if school:
        reply.slots["school_name"] = school
        reply.text(cat.text("school_link_ok", "school", school=school))
    else:
        reply.text(cat.text("school_link_unknown", "school"))
    return reply


def resume(chat: Chat, message: Message | None = None) -> Reply:
    values = chat.values
    reply = Reply()
    if chat_status(values) == "new":
        # "verder" from someone who never started: that is a start.
        reply.text(cat.text("welcome", "self"))
        reply.text(cat.text("privacy"))
    elif values.get("crisis"):
        # Right after something heavy was told, "Fijn!" would sound as if it was not heard.
        reply.text(cat.text("resume_after_crisis", values.get("respondent")))
    else:
        reply.text(cat.text("resume"))
    return reply


def restart(chat: Chat, message: Message | None = None) -> Reply:
    """Forgets every answer (also the stored ones) and starts again."""
    cleared: dict[str, Any] = dict.fromkeys(INTAKE_SLOTS)
    save_progress(chat, cleared, urgent=bool(chat.values.get("crisis")))
    reply = Reply(slots={**cleared, "intake_status": "new", REQUESTED_SLOT: None})
    reply.text(cat.text("restart"))
    return reply


def pause(chat: Chat, message: Message | None = None) -> Reply:
    values = chat.values
    reply = Reply()
    if chat_status(values) == "complete":
        reply.text(cat.text("goodbye_after_finish"))
        return reply
    reply.text(cat.text("pause", values.get("respondent")))
    if chat_status(values) == "in_progress":
        save_progress(chat, values)
    return reply


def digression(chat: Chat, message: Message) -> Reply:
    """Short answers to questions in between; the form then asks its question again."""
    values = chat.values
    reply = Reply()
    intent = message.intent
    requested = chat.requested if chat.in_form else None
    respondent = values.get("respondent")
    if intent == "ask_why":
        reply.text(asking.why_message(requested, values).text)
    elif intent == "ask_privacy":
        reply.text(cat.text("privacy_info"))
    elif intent == "ask_info":
        reply.text(asking.info_message(message.text, values, requested).text)
    elif intent == "greet":
        reply.text(cat.text("greet_again"))
    elif intent == "chitchat" and replies.is_insult(message.text):
        reply.text(cat.text("insult"))
    elif intent in ("chitchat", "bot_challenge", "out_of_scope", "other_language", "thank"):
        reply.text(cat.text(intent, respondent))
    else:
        reply.text(cat.text("fallback"))
    if not requested and chat_status(values) == "in_progress" and intent != "thank":
        reply.say(BotMessage(cat.text("continue_question"), cat.buttons("continue_buttons")))
    elif not requested and chat_status(values) == "new" and intent == "other_language":
        # Not started yet: offer to start in Dutch or to reach a person, not a dead end.
        reply.say(BotMessage(cat.text("language_start"), cat.buttons("language_start_buttons")))
    return reply


def human(chat: Chat, message: Message) -> Reply:
    """A person, please; "bel mij terug op 06 ..." keeps the number so a person calls back."""
    values = dict(chat.values)
    respondent = values.get("respondent")
    reply = Reply(slots={"wants_human": True})
    values["wants_human"] = True
    if values.get("crisis"):
        reply.text(cat.text("human_after_crisis", respondent))
    contact = extract_contact(message.text)
    if contact:
        values["contact"] = contact
        reply.slots["contact"] = contact
        save_progress(chat, values)
        reply.text(cat.text("callback_noted", respondent))
    else:
        reply.text(cat.text("human", respondent))
        if chat_status(values) == "in_progress":
            save_progress(chat, values)
    if chat_status(values) == "in_progress":
        reply.say(BotMessage(cat.text("human_continue"), cat.buttons("continue_buttons")))
    return reply


def crisis(chat: Chat, message: Message) -> Reply:
    """Safety first: the numbers at once, an urgent flag on the intake, the choice to go on."""
    values = dict(chat.values)
    text = message.text
    earlier = [s for s in values.get("crisis_signals") or [] if s != "other"]
    now = safety.crisis_signals(text)
    # The numbers again in full only when something new came up in this conversation.
    again = bool(values.get("crisis")) and set(now) <= set(earlier)
    reply = Reply(messages=safety.crisis_messages(now, values.get("respondent"), again=again))
    signals = list(dict.fromkeys([*(values.get("crisis_signals") or []), *now]))
    reply.slots.update(crisis=True, crisis_signals=signals or ["other"])
    # When the crisis came up as the answer to the open life-domain question, keep it there
    # too (it is what the person said about their life); never as e.g. their droombaan.
    requested = chat.requested
    if requested and parser_of(requested) == "life_domains":
        reading = interpret(requested, text, values)
        if reading.accepted:
            reply.slots.update(reading.slots)
    values.update(reply.slots)
    save_progress(chat, values, urgent=True)
    return reply


def correct(chat: Chat, message: Message) -> Reply:
    """ "Ik bedoel 20 uur" / "mijn leeftijd klopt niet": update or ask again."""
    values = dict(chat.values)
    was_complete = chat_status(values) == "complete"
    result = engine.handle_correction(message.text, values)
    values.update(result.slots)
    if was_complete:
        # A change after the end: the stored intake stays complete, with the advice worked
        # out again on the new answers (the read-back that follows can confirm it once more).
        save_complete(chat, values)
    elif chat_status(values) != "new":
        save_progress(chat, values)
    # intake_status stays as it is: the form sets it again when the next answer comes in.
    return Reply(slots=dict(result.slots), messages=list(result.messages))


def finish(chat: Chat, message: Message | None = None) -> Reply:
    """The intake is confirmed: advice, closing words, and the complete summary stored."""
    outcome = save_complete(chat, dict(chat.values))
    reply = Reply(slots={"intake_status": "complete"}, messages=list(outcome.messages))
    if outcome.person_summary:
        # Extra to contract §1: a "custom" item the widget offers to print or download.
        reply.custom.append({"intake_summary": outcome.person_summary})
    return reply


def goodbye(chat: Chat, message: Message) -> Reply:
    values = chat.values
    reply = Reply()
    if chat_status(values) == "new" and message.intent == "goodbye":
        # "Dag" is also a greeting: nothing started yet, so offer to begin.
        reply.say(BotMessage(cat.text("start_offer"), cat.buttons("start_buttons")))
        return reply
    done = chat_status(values) == "complete"
    reply.text(cat.text("goodbye_after_finish" if done else "goodbye"))
    if chat_status(values) == "in_progress":
        save_progress(chat, values)
    return reply


def fallback(chat: Chat, message: Message | None = None) -> Reply:
    """When no rule or story fits: say so kindly, offer to go on or to talk to a person."""
    return Reply(messages=[BotMessage(cat.text("fallback"), cat.buttons("fallback_buttons"))])
