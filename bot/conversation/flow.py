"""Which intake questions apply to this person, and which one comes next.

The order is the order of questions.yml. Life-domain follow-ups are dynamic: one slot per domain
the person raised in the open question (data minimisation: DOMAIN.md, Autoriteit
Persoonsgegevens 2018), at most ``MAX_DOMAIN_FOLLOWUPS`` of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.conversation.catalogue import Question, questions
from bot.profile import LIFE_DOMAINS

FOLLOWUP_PLACEHOLDER = "life_domain_followup"
DOMAIN_SLOT_PREFIX = "ld_"
MAX_DOMAIN_FOLLOWUPS = 4

# Slots the form keeps for itself (not questions): filled as side effects of answers.
HELPER_SLOTS = (
    "can_start_within_6_months",
    "life_domains_mentioned",
    "life_domains_clarify",
    "life_domains_text_draft",
    "support_needs_text",
    "employee_skills_text",
    "education_text",
    "correction_requested",
    "care_check_pending",
    "last_answered_slot",
    "crisis",
    "crisis_signals",
    "wants_human",
    # How many messages in a row could not be read as the answer to the open question
    "unread_count",
    # PrO/VSO leaving specifics (issue 12): the school's own words about the stages
    "stage_text",
)


def domain_slot(domain: str) -> str:
    return f"{DOMAIN_SLOT_PREFIX}{domain}"


def domain_of(slot: str) -> str | None:
    if slot.startswith(DOMAIN_SLOT_PREFIX) and slot[len(DOMAIN_SLOT_PREFIX) :] in LIFE_DOMAINS:
        return slot[len(DOMAIN_SLOT_PREFIX) :]
    return None


def all_form_slots() -> list[str]:
    """Every slot the intake form may ask, for the Rasa domain."""
    slots: list[str] = []
    for name in questions():
        if name == FOLLOWUP_PLACEHOLDER:
            slots.extend(domain_slot(d) for d in LIFE_DOMAINS)
        else:
            slots.append(name)
    return slots


def question_for(slot: str) -> Question:
    """The catalogue entry behind a slot (domain follow-ups share one entry)."""
    return questions()[FOLLOWUP_PLACEHOLDER if domain_of(slot) else slot]


def applies(when: Any, values: Mapping[str, Any]) -> bool:
    """``when`` holds: every slot has an allowed value; a tuple of mappings: one of them does."""
    if isinstance(when, tuple):
        return any(applies(option, values) for option in when)
    return all(values.get(slot) in allowed for slot, allowed in when.items())


def mentioned_domains(values: Mapping[str, Any]) -> list[str]:
    raw = values.get("life_domains_mentioned") or []
    return [d for d in raw if d in LIFE_DOMAINS][:MAX_DOMAIN_FOLLOWUPS]


def required_slots(values: Mapping[str, Any]) -> list[str]:
    """The slots this person is asked, in order, given the answers so far."""
    result: list[str] = []
    for name, question in questions().items():
        if name == FOLLOWUP_PLACEHOLDER:
            result.extend(domain_slot(d) for d in mentioned_domains(values))
        elif applies(question.when, values):
            result.append(name)
    return result


def next_slot(values: Mapping[str, Any]) -> str | None:
    return next((s for s in required_slots(values) if values.get(s) is None), None)


def progress(values: Mapping[str, Any]) -> tuple[int, int]:
    """(number of the current question, total questions) for "hoe lang duurt dit nog?"."""
    required = required_slots(values)
    answered = sum(1 for s in required if values.get(s) is not None)
    return min(answered + 1, len(required)), len(required)
