"""One import for the chat's form code: ``from bot.nlp import parse`` then ``parse.X(text)``.

Every function takes the user's raw text, is fast (cached lexicons, precompiled patterns) and
never raises: on any input it returns None, an empty result or a result with an error text.
See docs/nlp.md for what each parser does and its known limits.
"""

from __future__ import annotations

from bot.nlp import contact, corrections, life_domains, names, replies, rulers
from bot.nlp.answers import (
    is_dont_know,
    is_off_scale,
    is_question,
    is_skip,
    parse_domain_scale,
    parse_employee_skills,
    parse_ruler,
    parse_yes_no,
)
from bot.nlp.categories import (
    parse_benefit,
    parse_education,
    parse_respondent,
    parse_school_type,
    parse_uitstroomprofiel,
)
from bot.nlp.crisis import SIGNALS, detect_crisis
from bot.nlp.cues import CUED_INTENTS, has_intent_cue, wants_to_change, wants_to_go_on
from bot.nlp.extract import extract_other_answers
from bot.nlp.guard import MAX_LENGTH, GuardResult, guard_input
from bot.nlp.language import detect_language
from bot.nlp.life_domains import DOMAINS, detect_life_domains, says_all_fine
from bot.nlp.lists import parse_support_needs, parse_work_values, split_list
from bot.nlp.moments import StartResult, parse_start_moment
from bot.nlp.numbers import parse_number
from bot.nlp.quantities import AgeResult, HoursResult, parse_age, parse_hours
from bot.nlp.school import parse_document_state, parse_school_code, parse_stage_result
from bot.nlp.school_end import LeavingResult, parse_school_leaving
from bot.nlp.text import clear_message_caches, normalise, strip_html, tokens

__all__ = [
    "DOMAINS",
    "MAX_LENGTH",
    "SIGNALS",
    "CUED_INTENTS",
    "AgeResult",
    "GuardResult",
    "HoursResult",
    "LeavingResult",
    "StartResult",
    "clear_message_caches",
    "detect_crisis",
    "detect_language",
    "detect_life_domains",
    "extract_other_answers",
    "guard_input",
    "has_intent_cue",
    "wants_to_go_on",
    "wants_to_change",
    "is_dont_know",
    "is_off_scale",
    "is_question",
    "is_skip",
    "normalise",
    "parse_age",
    "parse_benefit",
    "parse_document_state",
    "parse_domain_scale",
    "parse_education",
    "parse_employee_skills",
    "parse_hours",
    "parse_number",
    "parse_respondent",
    "parse_ruler",
    "parse_school_leaving",
    "parse_school_code",
    "parse_school_type",
    "parse_stage_result",
    "parse_start_moment",
    "parse_support_needs",
    "parse_uitstroomprofiel",
    "parse_work_values",
    "parse_yes_no",
    "says_all_fine",
    "split_list",
    "strip_html",
    "tokens",
    "warm_up",
]


def warm_up() -> None:
    """Load every lexicon and build every matcher now (e.g. at server start), so the first
    user message does not pay for it."""
    sample = "ja ik ben 19, 24 uur, bijstand, mbo 2, zsm, schulden, geld verdienen, hulp bij cv"
    for func in (
        parse_yes_no,
        is_dont_know,
        is_skip,
        parse_ruler,
        parse_domain_scale,
        parse_employee_skills,
        parse_benefit,
        parse_education,
        parse_respondent,
        parse_school_type,
        parse_uitstroomprofiel,
        detect_crisis,
        extract_other_answers,
        guard_input,
        detect_language,
        detect_life_domains,
        says_all_fine,
        parse_support_needs,
        parse_work_values,
        split_list,
        parse_start_moment,
        parse_school_leaving,
        parse_number,
        parse_age,
        parse_hours,
    ):
        func(sample)
    has_intent_cue(sample, "pause_intake")
    # The conversation's other readings load their lexicons on first use too.
    for reader in (
        contact.extract_contact,
        corrections.topic_of,
        life_domains.topic_domains,
        names.extract_name,
        names.name_in_opening,
        replies.is_insult,
        replies.care_check_reply,
        rulers.named_rulers,
    ):
        reader(sample)
