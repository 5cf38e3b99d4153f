"""Signs of acute danger: suicidal thoughts, violence at home, nowhere to sleep tonight.

HIGH RECALL by design (see ``lexicon/crisis.yml`` for the patterns and the choices): the bot
answers a signal with a kind message, the right phone numbers and an offer to talk to a person,
and flags the summary as urgent. Known false friends are left out: "doodmoe", "doodsaai",
"ik ga dood van verveling", "ik sla de vraag over", "mijn rug doet pijn".

Tense: suicide and violence count in any tense (a past suicide attempt still deserves the kind
answer); homeless counts only for the present ("vroeger sliep ik op straat, nu heb ik een huis"
is not a signal).
"""

from __future__ import annotations

import functools
import re

from bot.nlp import lexicon
from bot.nlp.matcher import PhraseMatcher
from bot.nlp.text import TOKEN_RE, normalise, safe, squeeze

SIGNALS = ("suicide", "violence", "homeless")
CRISIS_LIMIT = 20000  # safety matters more than speed: read far into long messages
_NEG = r"(?:niet|nooit)\b"
_PLACEHOLDERS = {
    "{w2}": rf"(?: (?!{_NEG})[a-z0-9]+){{0,2}}",
    "{w3}": rf"(?: (?!{_NEG})[a-z0-9]+){{0,3}}",
    "{w4}": rf"(?: (?!{_NEG})[a-z0-9]+){{0,4}}",
    "{x4}": r"(?: (?!(?:niet|nooit|hij|zij|ze|mijn|mn|zijn|haar|hem|hun|die|jouw|je|opa|oma|hond|"
    r"kat|vader|moeder|broer|zus|iemand|iedereen|mensen|diegene)\b)[a-z0-9]+){0,4}",
}
_CLAUSE_RE = re.compile(r" [.,;:!?\n] | (?:maar|en|nu|want|omdat|inmiddels|sindsdien) ")


def _expand(pattern: str) -> str:
    for key, value in _PLACEHOLDERS.items():
        pattern = pattern.replace(key, value)
    return pattern


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = lexicon.load("crisis")
    return {
        signal: re.compile("|".join(f"(?:{_expand(p)})" for p in data[signal]))
        for signal in SIGNALS
    }


@functools.cache
def _vocab() -> PhraseMatcher:
    data = lexicon.load("crisis")
    return PhraseMatcher(((w, "crisis", None) for w in data["vocabulary"]), protect=data["keep"])


@functools.cache
def _word_lists() -> tuple[re.Pattern[str], frozenset[str]]:
    data = lexicon.load("crisis")
    past = "|".join(re.escape(normalise(w)) for w in data["past_markers"])
    negations = frozenset(normalise(w) for w in data["homeless_negations"])
    return re.compile(rf"\b(?:{past})\b"), negations


@functools.cache
def _sms() -> dict[str, str]:
    return {str(k): str(v) for k, v in lexicon.load("crisis")["sms"].items()}


def crisis_text(text: str) -> str:
    """Normalised words, typo-corrected, SMS spelling expanded, separated by single spaces;
    punctuation marks stay as tokens (they end a phrase)."""
    vocab = _vocab()
    sms = _sms()
    toks = TOKEN_RE.findall(normalise(text[:CRISIS_LIMIT]))
    words = (sms.get(t, vocab.canon(squeeze(t))) if t.isalpha() else t for t in toks)
    return " " + " ".join(words) + " "


_THREAT = re.compile(
    r"\b(?:bijna|dreig\w*|straks|binnenkort|misschien|mogelijk|zou|zal|"
    r"(?:over|binnen)\s+\w+\s+(?:weken|maanden|dagen))\b"
)


def _homeless_now(joined: str, pattern: re.Pattern[str]) -> bool:
    past, negations = _word_lists()
    for clause in _CLAUSE_RE.split(joined):
        clause = f" {clause.strip()} "
        if past.search(clause):
            continue
        for m in pattern.finditer(clause):
            before = clause[: m.start()].split()[-2:]
            if _THREAT.search(" ".join(clause[: m.start()].split()[-4:])):
                continue  # "ik word bijna uit huis gezet": a threat, not a night outside
            starts_negative = m.group(0).split()[0] in {"geen", "nergens"}
            if starts_negative or not (set(before) & negations):
                return True
    return False


@safe(list)
def detect_crisis(text: str) -> list[str]:
    """Signals found, in the fixed order "suicide", "violence", "homeless"; [] when none."""
    if not text or not text.strip():
        return []
    joined = crisis_text(text)
    patterns = _patterns()
    found = []
    for signal in ("suicide", "violence"):
        if patterns[signal].search(joined):
            found.append(signal)
    if _homeless_now(joined, patterns["homeless"]):
        found.append("homeless")
    return found
