"""The conversation's decisions, free of Rasa: what to ask, how to read an answer, when a message
is a digression, what to say at the end. ``actions/`` calls these with the tracker's slot values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import BotMessage, Button
from bot.conversation.corrections import (
    correct_last_answer,
    find_correction,
    find_corrections,
    topic_buttons,
    topic_named,
)
from bot.conversation.describe import describe
from bot.conversation.flow import domain_of, next_slot, progress, question_for
from bot.conversation.profile_builder import build_profile
from bot.conversation.readers import interpret, parser_of
from bot.conversation.summary import coach_summary, readback_lines, readback_text
from bot.nlp import parse
from bot.nlp.contact import extract_contact
from bot.nlp.jobs import says_wants_work
from bot.nlp.names import name_in_opening
from bot.nlp.remarks import has_words
from bot.nlp.replies import (
    asks_meaning,
    care_check_reply,
    is_insult,
    names_who_fills_in,
    nothing_to_change,
    says_something,
    sounds_wrong,
)
from bot.nlp.sensitive import without_bsn_words, without_iban_words
from bot.pii.bsn import MASK, mask_bsn
from bot.pii.masking import IBAN_MASK, mask_iban
from bot.profile import LIFE_DOMAIN_LABELS, LIFE_DOMAINS

# Intents that interrupt the intake: the message is not stored as an answer and a rule answers it.
DIGRESSION_INTENTS = frozenset(
    {
        "ask_why",
        "ask_privacy",
        "ask_info",
        "request_human",
        "crisis",
        "pause_intake",
        "restart_intake",
        "correct",
        "chitchat",
        "bot_challenge",
        "out_of_scope",
        "other_language",
        "greet",
        "goodbye",
        "thank",
    }
)
# Below this confidence a "digression" is more likely an answer that reads oddly: keep it.
DIGRESSION_MIN_CONFIDENCE = 0.6
# Parsers whose answers are short and exact (a button payload, a number): when the text reads
# as a valid answer, it is one, whatever the intent classifier thought.
CLOSED_PARSERS = frozenset(
    {
        "ruler",
        "hours",
        "age",
        "yes_no",
        "yes_no_doubt",
        "domain_scale",
        "school_type",
        "uitstroomprofiel",
        "respondent",
        "benefit",
        "contact",
        "employee_skills",
        "school_leaving",
    }
)

SCALE_BUTTONS = tuple(Button(cat.label("scale", n).capitalize(), str(n)) for n in (1, 2, 3, 4, 5))
RULER_BUTTONS = tuple(Button(str(n), str(n)) for n in range(11))
DOMAIN_BUTTONS = tuple(
    Button(title, payload)
    for title, payload in (
        ("Geld of schulden", "geld en schulden"),
        ("Wonen", "problemen met wonen"),
        ("Gezondheid", "mijn gezondheid"),
        ("Psychische klachten", "psychische klachten"),
        ("Thuis of gezin", "problemen thuis"),
        ("Vervoer", "vervoer naar werk"),
        ("Iets anders", "iets anders"),
    )
)


@dataclass
class TurnResult:
    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[BotMessage] = field(default_factory=list)
    accepted: bool = False


# --- reading a message ----------------------------------------------------------------------


def crisis_signals(text: str) -> list[str]:
    return parse.detect_crisis(text or "")


def is_digression(
    intent: str | None, confidence: float, text: str, requested_slot: str | None
) -> bool:
    """Should this message interrupt the intake instead of answering ``requested_slot``?"""
    if crisis_signals(text):
        return True  # safety first, whatever the classifier said
    if (text or "").startswith("/"):
        return intent in DIGRESSION_INTENTS  # a button payload names its intent itself
    guard = parse.guard_input(text or "")
    if guard.empty or guard.emoji_only:
        return False  # the answer reader has a friendly word for these
    if intent not in DIGRESSION_INTENTS or confidence < DIGRESSION_MIN_CONFIDENCE:
        return False
    if requested_slot == "summary_confirmed" and intent == "correct":
        return False  # the read-back reads corrections itself, and offers a menu for "nee"
    if (
        requested_slot == "summary_confirmed"
        and intent not in ("pause_intake", "request_human", "restart")
        and not parse.is_question(parse.guard_input(text).text)
        and (topic_named(text) or sounds_wrong(text))
    ):
        return False  # "waarom werken klopt niet": about an answer, not "waarom vraag je dit?"
    if requested_slot:
        # "Stop", "a person", "start again", "I meant" heard without any word for it in the
        # message: read it as the answer (or give the hint for the question), not as a stop.
        if intent in parse.CUED_INTENTS and not parse.has_intent_cue(text, intent):
            return False
        # The classifier alone heard a crisis: an answer that reads as one stays an answer, with
        # a gentle check beside it (care_check_needed); anything else gets the crisis answer.
        if intent == "crisis" and _reads_as_answer(requested_slot, text):
            return False
    if requested_slot == "contact" and intent == "request_human" and extract_contact(text):
        return False  # "bel me maar op 06 ..." answers "hoe kan de klantbegeleider je bereiken?"
    if intent == "other_language" and parse.detect_language(text) in ("en", "other"):
        return True  # "is english ok?" holds an "ok", but it is no "ja" to the question
    # A clean answer to a closed question is an answer, even when the model heard something
    # else in it ("voor mezelf" once came out as crisis). Crisis *words* were handled above;
    # asking for a person or to stop always interrupts.
    if requested_slot and intent not in ("pause_intake", "request_human"):
        kind = parser_of(requested_slot)
        if kind in CLOSED_PARSERS and _reads_as_answer(requested_slot, text):
            return False
    return True


def _reads_as_answer(requested_slot: str, text: str) -> bool:
    if requested_slot == "summary_confirmed":
        return False  # the read-back has its own reading of "nee, ..." and corrections
    if parse.is_question(parse.guard_input(text).text):
        return False  # "wat is het verschil tussen WIA en Wajong?" is not the answer "Wajong"
    reading = interpret(requested_slot, text, {})
    return reading.accepted and reading.slots.get(requested_slot) not in cat.NO_ANSWER


def care_check_needed(intent: str | None, confidence: float, text: str) -> bool:
    """The classifier heard a crisis that the crisis words did not confirm: ask gently."""
    return (
        intent == "crisis" and confidence >= DIGRESSION_MIN_CONFIDENCE and not crisis_signals(text)
    )


def care_check_message() -> BotMessage:
    return BotMessage(cat.text("care_check"), cat.buttons("care_check_buttons"))


def care_messages(values: Mapping[str, Any]) -> list[BotMessage]:
    """A "no" to the care check: every number at once, the urgent flag said, the choice."""
    respondent = values.get("respondent")
    numbers = crisis_messages(["other"], respondent)[:2]
    return [*numbers, BotMessage(cat.text("care_check_go_on"))]


def explain_message(slot: str, values: Mapping[str, Any]) -> BotMessage:
    """Explain the question in other words; without an explanation, say why it is asked."""
    question = question_for(slot)
    if question.explain:
        explain = cat.pick(question.explain, values.get("respondent"))
        droombaan = values.get("droombaan")
        if not isinstance(droombaan, str) or droombaan in cat.NO_ANSWER:
            droombaan = "je droombaan"
        return BotMessage(cat.fill(explain, name=_name_of(values), droombaan=droombaan))
    return why_message(slot, values)


def handle_answer(
    requested_slot: str, text: str, values: Mapping[str, Any], *, truncated: bool = False
) -> TurnResult:
    """Read the answer to the question that was asked; returns slot updates and replies."""
    masked = mask_bsn(text or "")
    if masked != (text or ""):
        # A BSN typed unasked: say it is not needed and not kept; read the rest, if any.
        rest = without_bsn_words(masked.replace(MASK, " ")).strip(" .,:;!?-")
        warning = BotMessage(cat.text("bsn_warning"))
        if not has_words(rest):
            return TurnResult(messages=[warning])
        result = handle_answer(requested_slot, rest, values, truncated=truncated)
        result.messages.insert(0, warning)
        return result
    masked = mask_iban(text or "")
    if masked != (text or ""):
        # A bank account number: not needed either, and never kept.
        rest = without_iban_words(masked.replace(IBAN_MASK, " ")).strip(" .,:;!?-")
        warning = BotMessage(cat.text("iban_warning"))
        if not has_words(rest):
            return TurnResult(messages=[warning])
        result = handle_answer(requested_slot, rest, values, truncated=truncated)
        result.messages.insert(0, warning)
        return result
    if requested_slot == "summary_confirmed":
        if asks_meaning(text):
            return TurnResult(messages=[info_message(text, values, requested_slot)])
        return _handle_confirmation(text, values)
    if asks_meaning(text) or parse.is_question(parse.guard_input(text).text):
        # A question back is not an answer (and certainly not "weet ik niet"), even when it
        # holds an answer word ("wat betekent EPA precies?", "telt uitzendwerk ook?"):
        # answer or explain, then ask again.
        return TurnResult(messages=[info_message(text, values, requested_slot)])
    if parse.has_intent_cue(text, "correct"):
        # "Ik bedoel 24 uur, niet 20" while another question is open: change that answer,
        # then ask the open question again (a "niet" here is no "nee" to the open question).
        correction = find_correction(text, values)
        last = values.get("last_answered_slot")
        if not correction.found and last and last != requested_slot:
            # "Oh nee sorry, maak er maar zestien van" at the next question: the answer before.
            back = correct_last_answer(text, values, last)
            if back.updates:
                correction = back
        if correction.updates and requested_slot not in correction.updates:
            # "vso zei ik al" at "wat voor school?" restates the answer (it sets the
            # education too): an answer, not a change of the education.
            as_answer = interpret(requested_slot, text, values)
            if not (as_answer.accepted and set(as_answer.slots) & set(correction.updates)):
                return _apply(correction, values, TurnResult())
    reading = interpret(requested_slot, text, values, truncated=truncated)
    result = TurnResult(slots=dict(reading.slots), messages=list(reading.messages))
    result.accepted = reading.accepted
    if reading.accepted:
        result.slots["last_answered_slot"] = requested_slot
    return result


def _handle_confirmation(text: str, values: Mapping[str, Any]) -> TurnResult:
    result = TurnResult()
    if values.get("correction_requested") and nothing_to_change(text):
        result.slots.update(summary_confirmed=True, correction_requested=False)
        result.accepted = True
        return result
    if not values.get("correction_requested"):
        clean = parse.guard_input(text).text
        answer = parse.parse_yes_no(clean)
        wrong = sounds_wrong(clean) or parse.has_intent_cue(clean, "correct")
        if answer == "ja" and not wrong:
            result.slots.update(summary_confirmed=True, correction_requested=False)
            result.accepted = True
            return result
    correction = find_corrections(text, values)
    if correction.found:
        return _apply(correction, values, result)
    # "Nee" or something unclear: ask which part, with topic buttons.
    if values.get("correction_requested"):
        result.messages.append(BotMessage(cat.text("correction_unclear")))
    result.slots["correction_requested"] = True
    return result


def _apply(correction: Any, values: Mapping[str, Any], result: TurnResult) -> TurnResult:
    result.slots.update(correction.updates)
    for slot in correction.reset:
        result.slots[slot] = None
    result.slots["correction_requested"] = False
    result.slots["summary_confirmed"] = None
    if correction.described:
        result.messages.append(
            BotMessage(cat.text("correction_done_short", items=", ".join(correction.described)))
        )
    elif correction.reset:
        result.messages.append(BotMessage(cat.text("correction_reask")))
    return result


def handle_correction(text: str, values: Mapping[str, Any]) -> TurnResult:
    """A correction while the intake runs ("ik bedoel 20 uur"), or after it ended."""
    result = TurnResult()
    last = values.get("last_answered_slot")
    if values.get("intake_status") == "complete" or says_something(text):
        # "Ik wil nog iets aanpassen": which thing is not said, so show the topics, unless a
        # topic or a new value is named.
        specific = find_corrections(text, values)
        if specific.found:
            return _apply(specific, values, result)
        if values.get("intake_status") != "complete":
            # "Kan ik iets terug veranderen?" halfway: say how, and go on with the questions.
            later = cat.text("correction_later", values.get("respondent"))
            result.messages.append(BotMessage(later))
            return result
        last = None
    correction = correct_last_answer(text, values, last)
    if not correction.found:
        result.slots["correction_requested"] = True
        result.slots["summary_confirmed"] = None
        return result
    return _apply(correction, values, result)


# --- the first message ----------------------------------------------------------------------

def opening_answers(text: str) -> TurnResult:
    """Answers in a first message ("Hoi, ik ben Marco, 45, ik zit in de bijstand en wil graag
    werken"), so those questions are not asked again. Only what is said plainly counts."""
    clean = parse.guard_input(text or "").text
    result = TurnResult()
    if not clean or crisis_signals(clean):
        return result
    slots = dict(parse.extract_other_answers(clean))
    respondent = parse.parse_respondent(clean)
    if respondent is not None and names_who_fills_in(clean):
        slots["respondent"] = respondent
    name = name_in_opening(clean)
    if name and slots.get("respondent", "self") == "self":
        slots["name"] = name
    if says_wants_work(clean) and slots.get("respondent", "self") == "self":
        slots["wants_to_work"] = "ja"
    slots = {k: v for k, v in slots.items() if v is not None}
    if slots:
        described = ", ".join(describe(k, v) for k, v in slots.items() if k != "respondent")
        if described:
            result.messages.append(BotMessage(cat.text("noted_opening", items=described)))
        result.slots = slots
    return result


# --- asking ---------------------------------------------------------------------------------


def _name_of(values: Mapping[str, Any]) -> str:
    name = values.get("name")
    return name if isinstance(name, str) and name not in cat.NO_ANSWER else "de leerling"


def _resolve_buttons(spec: Any, values: Mapping[str, Any]) -> tuple[Button, ...]:
    if spec == "ruler":
        return RULER_BUTTONS
    if spec == "scale":
        return SCALE_BUTTONS
    if spec == "domains":
        return DOMAIN_BUTTONS
    if isinstance(spec, Mapping):
        return tuple(cat.pick(spec, values.get("respondent")) or ())
    return tuple(spec or ())


def question_messages(slot: str, values: Mapping[str, Any]) -> list[BotMessage]:
    """The bubble(s) that ask for ``slot``."""
    respondent = values.get("respondent")
    if slot == "summary_confirmed":
        if values.get("correction_requested"):
            return [
                BotMessage(
                    cat.text("correction_which", values.get("respondent")), topic_buttons(values)
                )
            ]
        question = question_for(slot)
        return [
            BotMessage(readback_text(values)),
            BotMessage(
                cat.pick(question.ask, respondent), _resolve_buttons(question.buttons, values)
            ),
        ]
    question = question_for(slot)
    ask, buttons = question.ask, question.buttons
    for variant in question.variants:
        if all(values.get(k) in allowed for k, allowed in variant.when.items()):
            ask = {**ask, **variant.ask}
            if variant.buttons is not None:
                buttons = variant.buttons
            break
    domain = domain_of(slot)
    text = cat.fill(
        cat.pick(ask, respondent),
        name=_name_of(values),
        domain=LIFE_DOMAIN_LABELS.get(domain, "") if domain else None,
    )
    return [BotMessage(text, _resolve_buttons(buttons, values))]


def why_message(slot: str | None, values: Mapping[str, Any]) -> BotMessage:
    if not slot:
        return BotMessage(cat.text("why_general"))
    why = cat.pick(question_for(slot).why, values.get("respondent"))
    return BotMessage(cat.fill(why, name=_name_of(values)))


def upcoming_slot(values: Mapping[str, Any]) -> str | None:
    return next_slot(values)


# --- information and safety -----------------------------------------------------------------

def info_message(
    text: str, values: Mapping[str, Any], requested_slot: str | None = None
) -> BotMessage:
    """Answer "wat is een jobcoach?" from the glossary; a bare "wat is dat?" is about the
    question just asked."""
    entry = cat.explain_word(text)
    if entry is not None:
        position, total = progress(values)
        return BotMessage(cat.fill(entry.text, position=position, total=total))
    if requested_slot:
        return explain_message(requested_slot, values)
    return BotMessage(cat.text("info_unknown"))


def crisis_messages(
    signals: list[str] | None = None, respondent: str | None = None, *, again: bool = False
) -> list[BotMessage]:
    """The safety answer: the numbers for what was said (all of them when unclear), 112 always,
    and the choice to go on, talk to someone or stop. ``again``: the numbers were given in this
    conversation already, and nothing new came up; a short reminder is kinder than the block."""
    texts = cat.texts()["crisis"]
    buttons = cat.buttons("crisis_buttons")
    if again:
        return [BotMessage(cat.fill(cat.pick(texts["again"], respondent)), buttons)]
    known = [s for s in parse.SIGNALS if s in (signals or [])] or list(parse.SIGNALS)
    lines = [cat.fill(cat.pick(texts[s], respondent)) for s in known]
    lines.append(cat.fill(cat.pick(texts["danger"], respondent)))
    others = [cat.fill(texts["short"][s]) for s in ("suicide", "violence") if s not in known]
    if others:
        lines.append(cat.fill(texts["also"], items=", ".join(others)))
    return [
        BotMessage(cat.fill(cat.pick(texts["opening"], respondent))),
        BotMessage("\n".join(lines)),
        BotMessage(cat.fill(cat.pick(texts["closing"], respondent)), buttons),
    ]


# --- the end --------------------------------------------------------------------------------


@dataclass
class Outcome:
    profile: dict[str, Any]
    advice: dict[str, Any]
    summary_text: str
    messages: list[BotMessage]
    # The person's own summary, to print or download at the end (the widget shows it).
    person_summary: dict[str, Any] | None = None


def person_summary(values: Mapping[str, Any], messages: list[BotMessage]) -> dict[str, Any]:
    """What the person told and the advice they heard, nothing more: it was all on their
    screen already. Sections of plain lines, so any client can print it."""
    school = values.get("respondent") == "school"
    told = [line.lstrip("• ").strip() for line in readback_lines(values)]
    # messages: intro, the advice ..., the routes explained (a question, not part of it)
    heard = [line.strip() for m in messages[1:-1] for line in m.text.split("\n") if line.strip()]
    return {
        "title": cat.text("person_summary_title", values.get("respondent"), name=_name_of(values)),
        "sections": [
            {"heading": "Over de leerling" if school else "Wat je vertelde", "lines": told},
            {"heading": "Het advies", "lines": heard},
        ],
    }


def profile_of(values: Mapping[str, Any]) -> dict[str, Any]:
    return build_profile(values)


def _extra_reasons(advice: Mapping[str, Any], school: bool) -> list[str]:
    """The B1 sentences of the safety and referral rules that fired, beside the route's own."""
    rules = [r.get("stage") for r in advice.get("rules") or []]
    texts = advice.get("reasons") if school else advice.get("reasons_b1")
    out: list[str] = []
    at = advice.get("route_reason", 0)
    main = (texts or [""])[at] if texts and at < len(texts) else ""
    for i, (stage, text) in enumerate(zip(rules, texts or [], strict=False)):
        if i == at or stage == "notice" or not text or text in out or text == main:
            continue  # the route's reason is said already; the notices get their own bubble
        out.append(text)
    return out[:4]


def _notices(advice: Mapping[str, Any], school: bool) -> list[str]:
    """What the advice notes beside the reasons: which questions are still open, and why
    there is no IPS yet for someone in GGZ care who doubts."""
    texts = (advice.get("reasons") if school else advice.get("reasons_b1")) or []
    return [
        text
        for rule, text in zip(advice.get("rules") or [], texts, strict=False)
        if rule.get("stage") == "notice" and text
    ]


def _reachable(values: Mapping[str, Any]) -> bool:
    contact = values.get("contact")
    return isinstance(contact, str) and contact not in cat.NO_ANSWER


def finish(values: Mapping[str, Any]) -> Outcome:
    """Profile, advice and coach summary for a confirmed intake, and the closing messages."""
    from bot.triage import advise, current_policy

    policy = current_policy()  # the municipality's own policy file when one is set
    profile = build_profile(values)
    # Chat answers are read leniently (the input rule, docs/triage.md): a yes/no slot may
    # hold a bool where the profile wants "ja"/"nee".
    advice = advise(profile, policy, lenient=True).to_dict()
    summary = coach_summary(profile, advice)
    respondent = profile.get("respondent")
    name = values.get("name") if isinstance(values.get("name"), str) else None
    name_part = f", {name}" if name and name not in cat.NO_ANSWER and respondent != "school" else ""
    route = policy.routes[advice["route"]]
    # The B1 texts speak to the job seeker ("je"); school staff are professionals reading about
    # a pupil, so they get the coach's wording of the route and the main reason.
    school = respondent == "school"
    reasons = (advice.get("reasons") if school else advice.get("reasons_b1")) or []
    at = advice.get("route_reason", 0)
    main_reason = reasons[at] if at < len(reasons) else ""
    messages = [
        BotMessage(
            cat.text("advice_intro", respondent, name_part=name_part, name=_name_of(values))
        ),
        BotMessage(
            cat.text(
                "advice_main",
                respondent,
                # The person hears the plain name; school staff the professional one.
                route_label=route.label if school else route.plain_label,
                route_b1=(
                    cat.fill(cat.texts()["route_school"][advice["route"]], name=_name_of(values))
                    if school
                    else route.b1
                ),
            )
            + (("\n" + cat.text("advice_reason", reason=main_reason)) if main_reason else "")
        ),
        # Help beside the route (debts, housing, the GP, ...): the person hears it too.
        *(
            [BotMessage(cat.text("advice_also") + "\n" + "\n".join(f"• {r}" for r in extra))]
            if (extra := _extra_reasons(advice, school))
            else []
        ),
        # The questions still open, by name ("Deze vragen zijn nog open: ..."), and the reason
        # why there is no IPS yet for someone in GGZ care who doubts.
        *(BotMessage(text) for text in _notices(advice, school)),
        # IPS is for everyone in GGZ care who wants to work (zero exclusion): when an unknown
        # answer is all that stands between the person and IPS, they should hear of it.
        *(
            [
                BotMessage(
                    cat.text(
                        "ips_maybe_epa" if values.get("in_ggz_treatment") is True else "ips_maybe",
                        respondent,
                        name=_name_of(values),
                    )
                )
            ]
            if advice["route"] != "ips" and any(w["route"] == "ips" for w in advice["what_if"])
            else []
        ),
        BotMessage(cat.text("advice_decides", respondent, name=_name_of(values))),
        # Urgent: "binnen 5 werkdagen" would contradict "zo snel mogelijk".
        BotMessage(
            cat.text(
                "urgent_next_step"
                if advice.get("urgent")
                else "next_step"
                if _reachable(values)
                else "next_step_no_contact",
                respondent,
                name=_name_of(values),
            )
        ),
        BotMessage(cat.text("routes_explained", respondent), cat.buttons("routes_buttons")),
    ]
    return Outcome(profile=profile, advice=advice, summary_text=summary, messages=messages,
                   person_summary=person_summary(values, messages))


__all__ = [
    "DIGRESSION_INTENTS",
    "care_check_message",
    "care_check_needed",
    "LIFE_DOMAINS",
    "Outcome",
    "TurnResult",
    "crisis_messages",
    "crisis_signals",
    "finish",
    "handle_answer",
    "handle_correction",
    "info_message",
    "care_check_reply",
    "is_insult",
    "care_messages",
    "is_digression",
    "profile_of",
    "question_messages",
    "upcoming_slot",
    "why_message",
]
