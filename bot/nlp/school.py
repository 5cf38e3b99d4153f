"""PrO/VSO school-leaving answers: the overgangsdocument and the praktijkverklaring (there,
not there, or being made), how the stages went, and the school code of a school link.

Design choices:
- "Komt nog", "wordt gemaakt", "nog niet", "bijna klaar", "in de maak" is "in_voorbereiding":
  the document is expected before the pupil leaves, which is what the coach needs to know.
  A plain yes or no is read with ``parse_yes_no``; "geen" alone is "nee".
- A certificate named ("VCA", "heftruckcertificaat", "branchecertificaat", "mbo-certificaat")
  counts as a yes for the praktijkverklaring question: both show a work skill on paper.
- Stages: "nog geen stage", "nooit stage gelopen" is "geen"; otherwise the words for how it
  went ("ging goed", "wisselend", "moeilijk", "afgebroken") as for employee skills.
- A school code is 8 letters and digits (the dash optional) with at least two digits, from an
  alphabet without vowels (bot/storage/batches.py), so a school's name is never read as one.
"""

from __future__ import annotations

import re

from bot.nlp.answers import is_dont_know, parse_employee_skills, parse_yes_no
from bot.nlp.text import safe

_PENDING = re.compile(
    r"\b(?:komt\s+(?:nog|eraan|binnenkort)|wordt\s+(?:nog\s+)?(?:gemaakt|geschreven|opgesteld)"
    r"|(?:nog\s+)?in\s+de\s+maak|bijna\s+(?:klaar|af)|nog\s+niet(?:\s+klaar|\s+af)?"
    r"|mee\s+bezig|in\s+voorbereiding|we\s+zijn\s+bezig|volgt\s+nog)\b",
    re.IGNORECASE,
)
_CERTIFICATE = re.compile(
    r"\b(?:vca|heftruck\w*|\w*certificaat|\w*certificaten|diploma|praktijkverklaring|"
    r"startkwalificatie|hygi[eë]ne\w*|bhv)\b",
    re.IGNORECASE,
)
_NONE = re.compile(r"^\s*(?:geen|nee\s+geen|niks|niets)\b", re.IGNORECASE)
_NO_STAGE = re.compile(
    r"\b(?:(?:nog\s+)?geen\s+stages?|nooit\s+stage|(?:nog\s+)?niet\s+(?:op\s+)?stage|"
    r"geen\s+stage\s+(?:gehad|gelopen|gedaan))\b",
    re.IGNORECASE,
)
_BARE_NO = re.compile(r"^\s*(?:nee|neen|geen|niks|niets|nog\s+niet)\s*[.!]*\s*$", re.IGNORECASE)
_STAGE_HARD = re.compile(r"\b(?:afgebroken|gestopt|mislukt|ontslagen|weggestuurd)\b", re.I)
_CODE = re.compile(r"\b([A-Za-z0-9]{4})-?([A-Za-z0-9]{4})\b")


@safe(lambda: None)
def parse_document_state(text: str) -> str | None:
    """ "ja" | "nee" | "in_voorbereiding" | None (not readable, or "weet ik niet")."""
    if is_dont_know(text):
        return None
    if _PENDING.search(text):
        return "in_voorbereiding"
    answer = parse_yes_no(text)
    if answer in ("ja", "nee"):
        return answer
    if _NONE.match(text):
        return "nee"
    if _CERTIFICATE.search(text):
        return "ja"
    return None


@safe(lambda: None)
def parse_stage_result(text: str) -> str | None:
    """ "goed" | "wisselend" | "lastig" | "geen" | None."""
    if is_dont_know(text):
        return None
    if _NO_STAGE.search(text) or _BARE_NO.match(text):
        return "geen"
    if _STAGE_HARD.search(text):
        return "lastig"
    return parse_employee_skills(text)


@safe(lambda: None)
def parse_school_code(text: str) -> str | None:
    """The school code in a message ("K7M3-QX9P", "code k7m3qx9p"), upper case, no dash."""
    for match in _CODE.finditer(text or ""):
        code = (match.group(1) + match.group(2)).upper()
        if sum(ch.isdigit() for ch in code) >= 2 and not re.search(r"[AEIOUY01]", code):
            return code
    return None
