"""Reads one answer to one intake question.

``interpret(slot, text, values)`` returns the slot values to store and what to say. It never
raises and never drops what the person wrote: an answer that cannot be read gets a friendly
hint and the same question again; a free-text answer is kept verbatim (their own words).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import catalogue as cat
from bot.conversation.catalogue import SKIPPED, UNKNOWN, BotMessage
from bot.conversation.flow import domain_of, question_for
from bot.nlp import parse

MAX_FREE_TEXT = 500  # characters kept of one free-text answer; the coach can ask for more

# Questions that need a real answer to go on ("weet ik niet" is not possible here).
REQUIRED = {"respondent", "summary_confirmed"}
# Questions whose answer may also hold answers to other questions ("kok, 24 uur per week").
FREE_PARSERS = {"free_text", "list", "support_needs", "life_domains", "work_values"}
# Answers that never also hold another answer: the contact (its numbers are no hours) and
# the read-back.
NO_EXTRAS = {"contact", "confirm"}
# Opportunistic extraction: key from parse.extract_other_answers -> slot.
OTHER_ANSWER_SLOTS = {
    "hours_per_week": "hours_per_week",
    "age": "age",
    "benefit": "benefit",
    "education": "education",
    "can_start_within_6_months": "can_start_within_6_months",
    "in_ggz_treatment": "in_ggz_treatment",
}


@dataclass
class Interpretation:
    slots: dict[str, Any] = field(default_factory=dict)
    messages: list[BotMessage] = field(default_factory=list)
    accepted: bool = False  # the requested slot has a value now (possibly UNKNOWN/SKIPPED)

    def say(self, text: str) -> None:
        self.messages.append(BotMessage(text))

    def reject(self, text: str) -> Interpretation:
        self.say(text)
        self.accepted = False
        return self


def _clip(text: str) -> str:
    text = text.strip()
    if len(text) <= MAX_FREE_TEXT:
        return text
    cut = text[:MAX_FREE_TEXT].rsplit(" ", 1)[0]
    return cut + " …"


# --- one reader per parser kind ------------------------------------------------------------
# Each gets (text, values, result) and fills result.slots[slot] or rejects with a hint.

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
_REMARK_PREFIX = re.compile(
    r"^\s*(?:zoals\s+(?:ik\s+)?(?:al\s+|net\s+)?(?:zei|zeg|schreef|gezegd)"
    r"|(?:dat\s+)?zei\s+ik\s+(?:toch\s+)?(?:al|toch|net)(?:\s+al)?"
    r"|ik\s+zei\s+(?:al|net|toch)|(?:dat\s+)?(?:heb|had)\s+ik\s+(?:toch\s+)?(?:al|net)\s+gezegd"
    r"|(?:dat\s+)?(?:al|net)\s+gezegd|nogmaals)\b[\s,:.!?]*",
    re.IGNORECASE,
)
_REMARK_SUFFIX = re.compile(
    r"[\s,.!]*(?:zei\s+ik\s+(?:toch|al|net)(?:\s+al)?|zoals\s+gezegd|dat\s+zei\s+ik\s+al)[\s.!?]*$",
    re.IGNORECASE,
)
_TRAILING_FILLER = re.compile(r"\s+(?:dus|hoor|ofzo|of zo|denk ik)\s*[.!]*$", re.IGNORECASE)
# "... droombaan: meubelmaker", "mijn droombaan is kok": the words after the label.
_LABELLED = {
    "droombaan": re.compile(
        r"\bdroom\s*(?:baan|beroep|werk)\s*(?:is\b|:|=)\s*(?P<rest>\S.*)$"
        r"|\bis\s+mijn\s+droom\s*(?:baan|beroep|werk)\s+(?P<rest2>\S.*)$",
        re.IGNORECASE | re.DOTALL,
    ),
}


def own_words(slot: str, text: str) -> str:
    """The person's answer without a remark before it or a label in front of it."""
    labelled = _LABELLED.get(slot)
    if labelled is not None:
        found = labelled.search(text)
        rest = found and (found["rest"] or found["rest2"])
        if rest and re.search(r"\w", rest):
            text = rest
    stripped = _REMARK_SUFFIX.sub("", _REMARK_PREFIX.sub("", text, count=1))
    stripped = _TRAILING_FILLER.sub("", stripped)
    return stripped if re.search(r"\w", stripped) else text


def only_said_already(text: str) -> bool:
    """ "Dat zei ik al", "zei ik net toch": no answer in it, only that it was given before."""
    return bool(_REMARK_PREFIX.match(text)) and not re.search(
        r"\w", _REMARK_SUFFIX.sub("", _REMARK_PREFIX.sub("", text, count=1))
    )


def _free_text(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    if only_said_already(text):
        out.reject(cat.text("said_already"))
        return
    out.slots[slot] = _clip(own_words(slot, text))


_NAME_PREFIX = re.compile(
    r"^(hoi|hallo|hey|hee)?[,!. ]*(ik\s+heet|mijn\s+(?:voor)?naam(?:\s+is)?|noem\s+me|noem\s+mij|"
    r"ik\s+ben|de\s+leerling\s+heet|hij\s+heet|zij\s+heet|ze\s+heet|naam\s*:)\s*",
    re.IGNORECASE,
)


# Filler words around a name: "noem me maar Kev", "gewoon Sam hoor".
_TUSSENVOEGSELS = {"de", "van", "der", "den", "het", "ten", "ter", "te", "'t", "in", "op"}
_NAME_FILLERS = {"maar", "gewoon", "even", "dan", "hoor", "graag", "is", "ben", "oke", "oké", "ok"}


_NAME_STOPS = frozenset(
    {"ik", "ben", "mijn", "mn", "en", "wil", "zoek", "woon", "heb", "kan", "uit"}
)
_NAME_CLAUSE_END = re.compile(r"[,.;:!?()]|\s(?:en|maar|want|dat|zoals|en\s+ik)\s", re.IGNORECASE)


def extract_name(text: str) -> str | None:
    """A first name from "ik heet Lisa", "Mo", "noem me jay": at most three words, no digits.
    A remark after the name is left out: "Marco, dat schreef ik net al", "ik heet Sam en ik
    ben 19"."""
    cleaned = _NAME_PREFIX.sub("", text.strip()).strip(" .!,")
    name = _name_words(cleaned)
    if name is None:
        head = _NAME_CLAUSE_END.split(cleaned, maxsplit=1)[0]
        name = _name_words(head.strip()) if head.strip() != cleaned else None
    return name


def _name_words(cleaned: str) -> str | None:
    words = [w for w in re.split(r"\s+", cleaned) if w and w.lower() not in _NAME_FILLERS]
    # "sanne ik ben negenentwintig": the name ends where a new sentence part starts.
    for i, w in enumerate(words):
        if i and w.lower().strip(".,!") in _NAME_STOPS:
            words = words[:i]
            break
    if not words or len(words) > 3 or any(re.search(r"[\d@/<>]", w) for w in words):
        return None
    if not all(re.fullmatch(r"[^\W\d_][\w'\-]*", w) for w in words):
        return None
    # Capitals as in Dutch names: "jan de vries" -> "Jan de Vries".
    shown = [
        w if i and w.lower() in _TUSSENVOEGSELS else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    ]
    return " ".join(shown)[:40]


_NO_NAME = re.compile(
    r"^\s*(?:nee|liever\s+niet|zeg\s+ik\s+(?:liever\s+)?niet|hoeft\s+niet|anoniem|geen\s+naam|"
    r"wil\s+ik\s+niet\s+zeggen|niet\s+nodig)\s*[.!]*\s*$",
    re.IGNORECASE,
)


def _name(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if _NO_NAME.match(text):
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
_RULER_WORDS = {
    "importance": r"belang\w*",
    "confidence": r"vertrouwen",
    "readiness": r"klaar(?:\s+om\s+te\s+beginnen)?|bereid\w*",
}


def _ruler(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    named: dict[str, int] = {}
    rest = text
    for ruler, words in _RULER_WORDS.items():
        found = re.search(rf"\b(?:{words})\b\D{{0,12}}?\b(\d{{1,2}})\b", text, re.IGNORECASE)
        if found and 0 <= int(found.group(1)) <= 10:
            named[ruler] = int(found.group(1))
            rest = rest.replace(found.group(0), " ")
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
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    out.slots[slot] = found or [_clip(text)]


def _education(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    # A known level where we recognise one; otherwise their own words (e.g. a school abroad).
    level = parse.parse_education(text)
    out.slots[slot] = level or _clip(text)
    # "havo, niet afgemaakt", "mbo 3 zonder diploma": the level alone would hide the rest.
    if level and len(parse.tokens(text)) > 3:
        out.slots["education_text"] = _clip(text)


_NOTHING = re.compile(
    r"^(nee|nope|niks|niets|geen|nog\s+nooit|nooit|nog\s+niet|n\.?v\.?t\.?)\b", re.I
)


# A list part that only says how long, where or when belongs to the part before it.
_DETAIL = re.compile(
    r"^(?:(?:een|ruim|bijna|ongeveer|zo'?n)\s+)?(?:half|halve|\d+|een|twee|drie|vier|vijf|zes|paar|"
    r"anderhalf|heel)\s*(?:jaar|jaren|maand|maanden|week|weken|dagen|uur)\b[^,]{0,20}$"
    r"|^(?:bij|in|voor|als|via|tot|sinds|vanaf)\s+\S+(?:\s+\S+){0,3}$",
    re.IGNORECASE,
)


def _list(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    if _NOTHING.match(text.strip()) and len(text) < 40:
        out.slots[slot] = []
        return
    if only_said_already(text):
        out.reject(cat.text("said_already"))
        return
    text = own_words(slot, text)
    items: list[str] = []
    for item in parse.split_list(text):
        item = re.sub(r"^(?:en|of|maar)\s+", "", item, flags=re.IGNORECASE)
        if items and _DETAIL.match(item):
            items[-1] = f"{items[-1]}, {item}"  # "vakken vullen, half jaar": one job, how long
        else:
            items.append(item)
    out.slots[slot] = [_clip(item) for item in items] or [_clip(text)]


def _employee_skills(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    level = parse.parse_employee_skills(text)
    if level is None and not re.search(r"\w", text):
        out.reject(cat.text("choose_button"))
        return
    out.slots[slot] = level or UNKNOWN
    out.slots["employee_skills_text"] = _clip(text)


def _stage_result(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    # Like employee skills: the level when it can be read, and the school's own words always.
    result = parse.parse_stage_result(text)
    if result is None and not re.search(r"\w", text):
        out.reject(cat.text("choose_button"))
        return
    out.slots[slot] = result or UNKNOWN
    if len(parse.tokens(text)) > 2:
        out.slots["stage_text"] = _clip(text)


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
    if not re.search(r"\w", text):
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
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    result = parse.parse_start_moment(text)
    out.slots[slot] = _clip(text)
    out.slots["can_start_within_6_months"] = result.within_6_months


def _support_needs(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    needs = parse.parse_support_needs(text)
    out.slots[slot] = [n for n in needs if n != "geen"]
    out.slots["support_needs_text"] = _clip(text)


# After "Waar gaat het vooral over?" a bare topic word is an answer in itself ("wonen").
_TOPIC_WORDS = {
    "financien": r"geld|schuld|financ|rekening|deurwaarder",
    "wonen": r"wonen|woning|\bhuis\b|huur|slaapplek|dakloos",
    "gezondheid": r"gezond|\bziek|lichaam|pijn",
    "psychisch": r"psychisch|voel|somber|angst|stress|depress",
    "verslaving": r"verslav|drugs|alcohol|drank|blowen|gokken",
    "thuis": r"thuis|gezin|familie|kinder|opvang|mantelzorg|ouders",
    "netwerk": r"vrienden|eenzaam|alleen|netwerk",
    "justitie": r"politie|justitie|reclassering|straf",
    "vervoer": r"vervoer|reizen|\bbus\b|fiets|rijbewijs|\bov\b",
    "dagbesteding": r"ritme|dagbesteding|hele dag|overdag",
}


_CRISIS_DOMAIN = {"violence": "thuis", "suicide": "psychisch", "homeless": "wonen"}


def _short_no(text: str) -> bool:
    """ "Nee", "nee hoor", "niks": a no to "speelt er iets?". Not a longer message with a "niet"
    in it ("ik wil niet meer leven", "die staan niet tussen de knoppen")."""
    words = re.findall(r"\w+", text.lower())
    if len(words) <= 4:
        return parse.parse_yes_no(text) == "nee"
    # "Nee, voor zover mij bekend niet": a no first, and no story after it.
    return words[0] in ("nee", "neen", "nope") and len(words) <= 8 and not parse.detect_crisis(text)


def _topic_domains(text: str) -> dict[str, int | None]:
    lowered = text.lower()
    out: dict[str, int | None] = {}
    for domain, pattern in _TOPIC_WORDS.items():
        for m in re.finditer(pattern, lowered):
            # "het is geen ziekte": a word said not to apply names no area.
            if not re.search(r"\b(?:geen|niet|nooit)\s+(?:\w+\s+)?$", lowered[: m.start()]):
                out[domain] = None
                break
    return out


def _life_domains(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if not re.search(r"\w", text):
        out.reject(cat.text("free_text_hint"))
        return
    found = parse.detect_life_domains(text)
    # Danger told as the answer is what the person said about their life: the domain is acute.
    for signal in parse.detect_crisis(text):
        domain = _CRISIS_DOMAIN.get(signal)
        if domain is not None:
            found[domain] = 1
    if not found and values.get("life_domains_clarify"):
        found = _topic_domains(text)
    draft = values.get("life_domains_text_draft") if values.get("life_domains_clarify") else None
    combined = f"{draft} / {text}" if draft else text
    if found:
        mentioned = list(dict.fromkeys([*(values.get("life_domains_mentioned") or []), *found]))
        out.slots["life_domains_mentioned"] = mentioned
        for domain, score in found.items():
            if score is not None:  # the words were clear enough: no need to ask
                out.slots[f"ld_{domain}"] = score
        out.slots[slot] = _clip(combined)
        out.slots["life_domains_clarify"] = False
    elif parse.says_all_fine(text) or _short_no(text):
        out.slots[slot] = _clip(combined)
        out.slots["life_domains_mentioned"] = []
        out.slots["life_domains_clarify"] = False
        out.say(cat.text("life_domains_none"))
    elif not values.get("life_domains_clarify"):
        # "Ja, er speelt wel wat": ask once which area, with buttons; keep their words.
        out.slots["life_domains_clarify"] = True
        out.slots[slot] = None
        out.slots["life_domains_text_draft"] = _clip(text)
        out.accepted = False
    else:
        # Second try and still no known area: keep their words for the coach and go on.
        out.slots[slot] = _clip(combined)
        out.slots["life_domains_mentioned"] = values.get("life_domains_mentioned") or []
        out.slots["life_domains_clarify"] = False


_NOT_RAISED = re.compile(
    r"\b(?:(?:heb|had)\s+ik\s+niet\s+(?:genoemd|gezegd)|niet\s+(?:genoemd|gezegd)|"
    r"niet\s+van\s+toepassing|nvt|speelt\s+niet|gaat\s+niet\s+over\s+mij|"
    r"(?:mijn\s+)?(?:moeder|vader|broer|zus|partner|man|vrouw|vriend|vriendin)\s+wel)\b",
    re.IGNORECASE,
)


def _domain_scale(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    domain = domain_of(slot)
    if domain and _NOT_RAISED.search(text) and parse.parse_domain_scale(text) is None:
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


_PHONE = re.compile(r"(?:\+31|0031|0)[\s\-]?(?:\d[\s\-]?){9}\b")
# Numbers from abroad: "+48 601 234 567", "0049 ..." (8 to 13 digits after the country code).
_PHONE_ABROAD = re.compile(r"(?:\+|00)(?!31)[1-9]\d{0,2}(?:[\s\-]?\d){7,12}\b")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_REMARK_NOISE = re.compile(
    r"\b(?:mijn|nummer|telefoonnummer|tel|mail|e-?mail|e-?mailadres|adres|is|of|en|via|op|"
    r"je|kunt|kan|me|mij|bereiken|bellen|mailen|hier|dit|het|per|graag|liefst|voorkeur|naar|"
    r"mn|m'n)\b|[^\w\s]",
    re.IGNORECASE,
)


_DIGIT_WORDS = {"nul": "0", "een": "1", "één": "1", "twee": "2", "drie": "3", "vier": "4",
                "vijf": "5", "zes": "6", "zeven": "7", "acht": "8", "negen": "9"}
_SPOKEN = re.compile(r"\b(?:(?:" + "|".join(_DIGIT_WORDS) + r")[\s,\-]*){8,}", re.IGNORECASE)


def _spoken_digits(text: str) -> str:
    """ "nul zes een twee drie ..." (voice input) -> "0612..."."""
    def digits(m: re.Match[str]) -> str:
        words = re.findall(r"[a-zé]+", m.group(0).lower())
        return "".join(_DIGIT_WORDS[w] for w in words) + " "

    return _SPOKEN.sub(digits, text)


def extract_contact(text: str) -> str | None:
    """Every e-mail address and phone number in the answer, and what else the person said
    about being contacted ("bel liever niet, dan hoort mijn vriend het"): for a person at risk
    at home, that remark matters more than the number."""
    found: list[str] = []
    text = _spoken_digits(text)
    rest = text
    for match in _EMAIL.finditer(text):
        found.append(match.group(0))
        rest = rest.replace(match.group(0), " ")
    for pattern in (_PHONE, _PHONE_ABROAD):
        for match in pattern.finditer(rest):
            number = re.sub(r"[\s\-]", "", match.group(0))
            if number not in found:
                found.append(number)
            rest = rest.replace(match.group(0), " ")
    if not found:
        return None
    contact = ", ".join(found)
    remark = " ".join(rest.split()).strip(" ,.;:-")
    remark = re.sub(
        r"^(?:mijn|mn|m'n)\s+(?:telefoon)?nummer\s+(?:is\s+)?(?:en\s+)?", "", remark, flags=re.I
    ).strip(" ,.;:-")
    if len(_REMARK_NOISE.sub(" ", remark).split()) >= 2:
        contact += f" (opmerking: {remark})"
    return contact


def _contact(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    if _NO_NAME.match(text):  # "liever niet": no contact details is a choice too
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


def parser_of(slot: str) -> str:
    return question_for(slot).parser


def interpret(
    slot: str, raw_text: str, values: Mapping[str, Any], *, truncated: bool = False
) -> Interpretation:
    """Read ``raw_text`` as the answer to ``slot``, given the answers so far.

    ``truncated`` says the message was already clipped before it got here (by the NLU guard).
    """
    out = Interpretation()
    guard = parse.guard_input(raw_text or "")
    kind = parser_of(slot)
    text = guard.text

    if guard.empty:
        # Only markup ("<script>...</script>"): say so, rather than "I see no text".
        return out.reject(cat.text("input_only_html" if guard.had_html else "input_empty"))
    if guard.emoji_only:
        if guard.emoji_meaning and kind in ("yes_no", "yes_no_doubt", "confirm"):
            text = guard.emoji_meaning
        else:
            return out.reject(cat.text("input_emoji"))

    if slot not in REQUIRED:
        if parse.is_skip(text):
            out.slots[slot] = SKIPPED
            out.accepted = True
            out.say(cat.text("skip_ok"))
            return out
        if parse.is_dont_know(text) and kind not in ("yes_no_doubt",):
            out.slots[slot] = UNKNOWN
            out.accepted = True
            out.say(cat.text("dont_know_ok"))
            return out

    out.accepted = True
    READERS[kind](slot, text, values, out)
    if out.accepted and slot not in out.slots:
        out.accepted = False
    if out.accepted:
        _side_effects(slot, text, values, out)
        if guard.truncated or truncated:
            out.say(cat.text("input_too_long"))
        elif guard.had_html:
            out.say(cat.text("input_html"))
        if kind not in NO_EXTRAS and out.slots.get(slot) not in (UNKNOWN, SKIPPED):
            # "Ik ben Sandra, 45 jaar": the age is taken too, so it is not asked next.
            _take_other_answers(slot, text, values, out)
            if kind == "name" and "age" not in out.slots and values.get("age") is None:
                _age_beside_name(text, out)
    return out


def _side_effects(slot: str, text: str, values: Mapping[str, Any], out: Interpretation) -> None:
    """Answers that settle a later question too, so it is not asked again."""
    value = out.slots.get(slot)
    if slot == "wants_to_work" and value == "ja" and values.get("droombaan") is None:
        job = job_in(text)
        if job:
            # "Ja graag, ik wil in de ouderenzorg werken": the droombaan is said already.
            out.slots["droombaan"] = _clip(job)
            out.say(cat.text("noted_extra", items=f"droombaan: {job}"))
    if (
        slot == "motivation_text"
        and isinstance(value, str)
        and values.get("work_values") is None
        and values.get("wants_to_work") != "nee"  # "why not" answers name no work values
    ):
        found = parse.parse_work_values(value)
        if found:
            out.slots["work_values"] = found
    if slot == "school_type" and value in ("PrO", "VSO") and values.get("education") is None:
        out.slots["education"] = value  # the pupil's education is this school


# "ik wil (graag) in de ouderenzorg werken", "hij wil kok worden", "iets met dieren".
_JOB = re.compile(
    r"\b(?:wil|wilt|zou|wou)\b(?:\s+(?:heel|erg|graag|het\s+liefst|liefst|wel|ook|gaan|later|"
    r"betaald|werken))*\s+(?P<job>(?:als|in|bij|iets\s+met|werk\s+met|werken\s+(?:als|in|bij|met))"
    r"\s+[^.!?,]+?|[a-z\-]+\s+worden)\s*(?:[.!?,]|\s+(?:want|omdat|en\s+ik|maar)\b|$)",
    re.IGNORECASE,
)
_NOT_A_JOB = re.compile(
    r"^(?:in|bij)\s+(?:de\s+|het\s+)?(?:toekomst|principe|begin|ieder\s+geval|elk\s+geval|deeltijd|"
    r"de\s+gemeente\s+hulp|het\s+weekend|de\s+ochtend|de\s+middag|de\s+buurt|de\s+week)\b"
    r"|^(?:heel|graag|werken|aan\s+het\s+werk)\s+worden$",
    re.IGNORECASE,
)


def job_in(text: str) -> str | None:
    """A job named beside a yes to "wil je werken?" ("ik wil graag in een magazijn werken")."""
    found = _JOB.search(text)
    if not found:
        return None
    job = found["job"].strip(" ,")
    if _NOT_A_JOB.search(job) or len(job.split()) < 2:
        return None
    return re.sub(r"^als\s+|\s+worden$", "", job, flags=re.IGNORECASE)


_AGE_BESIDE_NAME = re.compile(
    r"(?:[,;.]\s*(?:ik\s+)?|\ben\s+(?:ik\s+)?ben\b|\bben\b)\s*(\d{2}|[a-z]*(?:tien|tig))\s*(?:jaar|jr)?"
    r"\s*(?:oud)?"
    r"\s*[.!]?\s*$",
    re.IGNORECASE,
)


def _age_beside_name(text: str, out: Interpretation) -> None:
    found = _AGE_BESIDE_NAME.search(text)
    if found:
        age = parse.parse_age(found.group(1))
        if age.value is not None:
            out.slots["age"] = age.value
            out.say(cat.text("noted_extra", items=describe("age", age.value)))


def _take_other_answers(
    slot: str, text: str, values: Mapping[str, Any], out: Interpretation
) -> None:
    """Fill questions still to come when a free answer already holds them (high precision)."""
    exclude = {key for key, target in OTHER_ANSWER_SLOTS.items() if values.get(target) is not None}
    found = parse.extract_other_answers(text, exclude=exclude | {slot})
    noted: list[str] = []
    for key, value in found.items():
        target = OTHER_ANSWER_SLOTS.get(key)
        if target is None or target == slot or values.get(target) is not None or value is None:
            continue
        out.slots[target] = value
        if target == "can_start_within_6_months" and values.get("start_moment") is None:
            out.slots["start_moment"] = _clip(text)
        if (
            target == "education"
            and value in ("PrO", "VSO")
            and values.get("respondent") == "school"
            and values.get("school_type") is None
        ):
            # "VSO de Brug" from school staff: the kind of school, and so the pupil's education.
            out.slots["school_type"] = value
            noted.append(describe("school_type", value))
            continue
        noted.append(describe(target, value))
    if noted:
        out.say(cat.text("noted_extra", items=", ".join(noted)))


def leaving_label(value: Any) -> str:
    """ "2027-07" -> "juli 2027"; the "no longer at school" answer in words."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        months = (
            "januari", "februari", "maart", "april", "mei", "juni",
            "juli", "augustus", "september", "oktober", "november", "december",
        )  # fmt: skip
        return f"{months[int(value[5:]) - 1]} {value[:4]}"
    return cat.label("school_leaving", value)


def describe(slot: str, value: Any) -> str:
    """A short Dutch description of one answer, for "Ik heb ook genoteerd: ..."."""
    if slot == "hours_per_week":
        return f"{value} uur per week"
    if slot == "age":
        return f"{value} jaar"
    if slot == "can_start_within_6_months":
        return "je kunt snel beginnen" if value else "je kunt pas later beginnen"
    if slot == "benefit":
        return cat.label("benefit", value)
    if slot == "education":
        return f"opleiding: {cat.label('education', value)}"
    if slot == "school_type":
        return f"soort school {value}"
    if slot == "school_leaving_date":
        return "klaar met school: " + leaving_label(value)
    if slot == "name":
        return f"je naam ({value})"
    if slot == "can_earn_minimum_wage_alone" and isinstance(value, bool):
        return "minimumloon zelf verdienen: " + cat.label("yes_no", value)
    if slot in ("in_ggz_treatment", "severe_mental_illness") and isinstance(value, bool):
        topic = "hulp van de GGZ" if slot == "in_ggz_treatment" else "EPA"
        return f"{topic}: {cat.label('yes_no', value)}"
    if slot == "wants_to_work":
        return {"ja": "je wilt werken", "nee": "je wilt nu niet werken"}.get(value, "je twijfelt")
    domain = domain_of(slot)
    if domain:
        return cat.label("scale", value)
    return str(value)
