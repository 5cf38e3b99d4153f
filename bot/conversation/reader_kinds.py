"""One reader per parser kind of ``questions.yml``: how one answer becomes slot values.

Each reader gets (slot, text, values, result) and fills ``result.slots[slot]`` or rejects the
answer with a friendly hint. The Dutch is read by ``bot.nlp``; here is only what to store and
what to say.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import SKIPPED, UNKNOWN
from bot.conversation.flow import domain_of, question_for
from bot.conversation.interpretation import Interpretation, clip
from bot.nlp import parse
from bot.nlp.contact import extract_contact
from bot.nlp.life_domains import says_not_raised, topic_domains
from bot.nlp.lists import list_items, says_nothing
from bot.nlp.names import declines, extract_name
from bot.nlp.remarks import has_words, only_said_already, own_words
from bot.nlp.replies import short_no
from bot.nlp.rulers import named_rulers

Reader = Callable[[str, str, Mapping[str, Any], Interpretation], None]


def _respondent(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    value = parse.parse_respondent(text)
    if value is None:
        # A first name alone ("Jasper"): the person is filling it in themself.
        name = extract_name(text) if len(text.split()) <= 2 and text[:1].isupper() else None
        if name:
            out.slots[slot] = "self"
            out.slots["name"] = name
            return
        out.reject(cat.text("choose_button"))
    else:
        out.slots[slot] = value


def _choice(fn: Callable[[str], str | None]) -> Reader:
    def read(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
        value = fn(text)
        if value is None:
            out.reject(cat.text("choose_button"))
        else:
            out.slots[slot] = value

    return read


# "Zoals ik zei, ..." / "zei ik toch: ...": a remark before the answer, not part of it.
def _free_text(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    if only_said_already(text):
        out.reject(cat.text("said_already"))
        return
    out.slots[slot] = clip(own_words(slot, text))


def _name(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if declines(text):
        # No name is fine: the questions do without it.
        out.slots[slot] = SKIPPED
        out.say(cat.text("name_skip_ok", values.get("respondent")))
        return
    name = extract_name(own_words(slot, text))
    if name is None:
        out.reject(cat.text("name_hint"))
    else:
        out.slots[slot] = name


def _age(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    result = parse.parse_age(text)
    if result.value is not None:
        out.slots[slot] = result.value
    else:
        out.reject(result.error or cat.text("not_understood") + " Typ een getal, bijvoorbeeld 19.")


def _yes_no_doubt(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    value = parse.parse_yes_no(text)
    if value is None:
        out.reject(cat.text("choose_button"))
    else:
        # Not knowing whether you want to work is a doubt, not a missing answer.
        out.slots[slot] = "twijfel" if value == "weet_niet" else value


def _yes_no(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    value = parse.parse_yes_no(text)
    if value == "ja":
        out.slots[slot] = True
    elif value == "nee":
        out.slots[slot] = False
    elif value in ("twijfel", "weet_niet"):
        out.slots[slot] = UNKNOWN
        out.say(cat.text("dont_know_ok"))
    else:
        out.reject(cat.text("yes_no_hint"))


# "8, vertrouwen 5 en klaar om te beginnen 7": the three rulers in one message.
def _ruler(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    # "8, vertrouwen 5 en klaar om te beginnen 7": the three rulers in one message.
    named, rest = named_rulers(text)
    if named and (len(named) > 1 or slot not in named):
        for ruler, value in named.items():
            if ruler != slot and values.get(ruler) is None:
                out.slots[ruler] = value
        value = named.get(slot, parse.parse_ruler(rest))
    else:
        value = parse.parse_ruler(text)
    if value is None and parse.is_off_scale(text, 0, 10):
        out.reject(cat.text("ruler_off_scale"))
    elif value is None:
        out.reject(cat.text("not_understood") + " " + cat.text("ruler_hint"))
    else:
        out.slots[slot] = value


def _work_values(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    found = parse.parse_work_values(text)
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    out.slots[slot] = found or [clip(text)]


def _education(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    # A known level where we recognise one; otherwise their own words (e.g. a school abroad).
    level = parse.parse_education(text)
    out.slots[slot] = level or clip(text)
    # "havo, niet afgemaakt", "mbo 3 zonder diploma": the level alone would hide the rest.
    if level and len(parse.tokens(text)) > 3:
        out.slots["education_text"] = clip(text)


def _list(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    if says_nothing(text):
        out.slots[slot] = []
        return
    if only_said_already(text):
        out.reject(cat.text("said_already"))
        return
    text = own_words(slot, text)
    items = list_items(text)  # "vakken vullen, half jaar": one job, how long
    out.slots[slot] = [clip(item) for item in items] or [clip(text)]


def _employee_skills(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    level = parse.parse_employee_skills(text)
    if level is None and not has_words(text):
        out.reject(cat.text("choose_button"))
        return
    out.slots[slot] = level or UNKNOWN
    out.slots["employee_skills_text"] = clip(text)


def _stage_result(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    # Like employee skills: the level when it can be read, and the school's own words always.
    result = parse.parse_stage_result(text)
    if result is None and not has_words(text):
        out.reject(cat.text("choose_button"))
        return
    out.slots[slot] = result or UNKNOWN
    if len(parse.tokens(text)) > 2:
        out.slots["stage_text"] = clip(text)


def _school_name(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    """The school's name, or the school code from the beheerder: the code gives the name
    exactly as the school's account has it, so the school sees the pupil in the workspace."""
    code = parse.parse_school_code(text)
    if code:
        from bot.conversation.school_codes import resolve

        school = resolve(code)
        if school:
            out.slots[slot] = school
            out.say(cat.text("school_code_ok", "school", school=school))
            return
        if len(text.split()) <= 2:
            out.reject(cat.text("school_code_unknown", "school"))
            return
    _free_text(slot, text, values, out)


def _hours(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    result = parse.parse_hours(text)
    if result.value is not None:
        out.slots[slot] = result.value
    else:
        out.reject(result.error or cat.text("not_understood") + " Typ een getal, bijvoorbeeld 16.")


def _school_leaving(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    age = values.get("age")
    result = parse.parse_school_leaving(text, age=age if isinstance(age, int) else None)
    if result.month is not None:
        out.slots[slot] = result.month  # "YYYY-MM": profile school.leaving_date
    elif result.left:
        out.slots[slot] = cat.LEFT_SCHOOL
    else:
        # "Ja, ik zit nog op school" or no date in it: ask once more, with an example.
        out.reject(cat.text("school_leaving_hint", values.get("respondent")))


def _start(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    result = parse.parse_start_moment(text)
    out.slots[slot] = clip(text)
    out.slots["can_start_within_6_months"] = result.within_6_months


def _support_needs(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    needs = parse.parse_support_needs(text)
    out.slots[slot] = [n for n in needs if n != "geen"]
    out.slots["support_needs_text"] = clip(text)


# After "Waar gaat het vooral over?" a bare topic word is an answer in itself ("wonen").
_CRISIS_DOMAIN = {"violence": "thuis", "suicide": "psychisch", "homeless": "wonen"}


def _life_domains(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not has_words(text):
        out.reject(cat.text("free_text_hint"))
        return
    found = parse.detect_life_domains(text)
    # Danger told as the answer is what the person said about their life: the domain is acute.
    for signal in parse.detect_crisis(text):
        domain = _CRISIS_DOMAIN.get(signal)
        if domain is not None:
            found[domain] = 1
    if not found and values.get("life_domains_clarify"):
        found = topic_domains(text)
    draft = values.get("life_domains_text_draft") if values.get("life_domains_clarify") else None
    combined = f"{draft} / {text}" if draft else text
    if found:
        mentioned = list(dict.fromkeys([*(values.get("life_domains_mentioned") or []), *found]))
        out.slots["life_domains_mentioned"] = mentioned
        for domain, score in found.items():
            if score is not None:  # the words were clear enough: no need to ask
                out.slots[f"ld_{domain}"] = score
        out.slots[slot] = clip(combined)
        out.slots["life_domains_clarify"] = False
    elif parse.says_all_fine(text) or short_no(text):
        out.slots[slot] = clip(combined)
        out.slots["life_domains_mentioned"] = []
        out.slots["life_domains_clarify"] = False
        out.say(cat.text("life_domains_none"))
    elif not values.get("life_domains_clarify"):
        # "Ja, er speelt wel wat": ask once which area, with buttons; keep their words.
        out.slots["life_domains_clarify"] = True
        out.slots[slot] = None
        out.slots["life_domains_text_draft"] = clip(text)
        out.accepted = False
    else:
        # Second try and still no known area: keep their words for the coach and go on.
        out.slots[slot] = clip(combined)
        out.slots["life_domains_mentioned"] = values.get("life_domains_mentioned") or []
        out.slots["life_domains_clarify"] = False


def _domain_scale(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    domain = domain_of(slot)
    if domain and says_not_raised(text) and parse.parse_domain_scale(text) is None:
        # "Dat heb ik niet genoemd": the follow-up came from a misreading; drop it, say sorry.
        mentioned = [d for d in values.get("life_domains_mentioned") or [] if d != domain]
        out.slots["life_domains_mentioned"] = mentioned
        out.slots[slot] = None
        out.say(cat.text("domain_not_raised"))
        return
    value = parse.parse_domain_scale(text)
    if value is None and parse.is_off_scale(text, 1, 5):
        out.reject(cat.text("scale_off_scale"))
        return
    if value is None:
        out.reject(cat.text("not_understood") + " " + cat.text("scale_hint"))
        return
    out.slots[slot] = value
    if value == 1:
        out.say(cat.text("acute_domain"))


def _contact(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if declines(text):  # "liever niet": no contact details is a choice too
        out.slots[slot] = SKIPPED
        out.say(cat.text("skip_ok"))
        return
    contact = extract_contact(text)
    if contact is None:
        out.reject(cat.text("contact_hint"))
    else:
        out.slots[slot] = contact


def _confirm(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    # Corrections at this step are handled by bot.conversation.corrections (engine decides).
    answer = parse.parse_yes_no(text)
    if answer == "ja":
        out.slots[slot] = True
        out.slots["correction_requested"] = False
    else:
        out.slots["correction_requested"] = True
        out.accepted = False


READERS: dict[str, Reader] = {
    "respondent": _respondent,
    "school_type": _choice(parse.parse_school_type),
    "school_name": _school_name,
    "document_state": _choice(parse.parse_document_state),
    "stage_result": _stage_result,
    "uitstroomprofiel": _choice(parse.parse_uitstroomprofiel),
    "benefit": _choice(parse.parse_benefit),
    "free_text": _free_text,
    "name": _name,
    "age": _age,
    "yes_no_doubt": _yes_no_doubt,
    "yes_no": _yes_no,
    "ruler": _ruler,
    "work_values": _work_values,
    "education": _education,
    "list": _list,
    "employee_skills": _employee_skills,
    "hours": _hours,
    "start": _start,
    "school_leaving": _school_leaving,
    "support_needs": _support_needs,
    "life_domains": _life_domains,
    "domain_scale": _domain_scale,
    "contact": _contact,
    "confirm": _confirm,
}


@cache
def reader_for(slot: str) -> Reader:
    """The reader of a question: its ``parser`` kind, or for ``parser: choice`` the bot/nlp
    function named by ``reads`` ("school.parse_school_type": bot.nlp.school), which gives the
    answer's code or None. A new closed question needs no reader of its own here."""
    question = question_for(slot)
    if question.parser != "choice":
        return READERS[question.parser]
    module, _, name = str(question.reads).rpartition(".")
    return _choice(getattr(importlib.import_module(f"bot.nlp.{module}"), name))
