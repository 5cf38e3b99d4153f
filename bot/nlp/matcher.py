"""Typo-tolerant phrase matching over tokens, with negation checks.

A :class:`PhraseMatcher` holds phrases (normalised into tokens) with a label and an optional
payload. Matching scans the message left to right and takes the longest phrase at each position,
so "eigen geld" (zelfstandig) wins over "geld" (inkomen) and "weet niet zeker" over "weet niet".

Typos: a message word that is not in the vocabulary (and is not a common Dutch word) is mapped
to the vocabulary word at the smallest edit distance, if that distance is allowed for its length
(:func:`bot.nlp.text.allowed_typos`) and the nearest word is unique. Two adjacent words are also
tried joined ("praktijk onderwijs" -> "praktijkonderwijs"). A phrase word ending in ``*``
matches by prefix ("depress*" -> depressie, depressief).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.nlp.lexicon import common_words
from bot.nlp.text import (
    BOUNDARY,
    TOKEN_RE,
    allowed_typos,
    deletions,
    normalise,
    osa_distance,
    register_message_cache,
)

NEGATORS = frozenset({"geen", "niet", "nooit", "zonder", "niks", "niets", "nergens"})
# Words that end the reach of a negation: "geen werk, maar wel schulden".
_NEG_STOP = frozenset({"maar", "wel", "en", "want", "omdat", "alleen", "behalve", "ook", "toch"})


@dataclass(frozen=True)
class Match:
    label: str
    start: int
    end: int  # exclusive token index
    payload: Any
    phrase: tuple[str, ...]


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Tokens of a lexicon phrase; a trailing ``*`` (prefix marker) survives normalising."""
    out = []
    for raw in normalise(phrase).replace("*", " * ").split():
        if raw == "*" and out:
            out[-1] += "*"
            continue
        out.extend(TOKEN_RE.findall(raw))
    return tuple(out)


class PhraseMatcher:
    def __init__(
        self,
        entries: Iterable[tuple[str, str, Any]],
        *,
        fuzzy: bool = True,
        protect: Iterable[str] = (),
    ) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._prefixed: list[tuple[tuple[str, ...], str, Any]] = []
        vocab: set[str] = set()
        for phrase, label, payload in entries:
            toks = phrase_tokens(phrase)
            if not toks:
                continue
            entry = (toks, label, payload)
            if toks[0].endswith("*"):
                self._prefixed.append(entry)
            else:
                self._by_first.setdefault(toks[0], []).append(entry)
            vocab.update(t for t in toks if not t.endswith("*"))
        for lst in self._by_first.values():
            lst.sort(key=lambda e: -len(e[0]))  # longest phrase first
        self._vocab = frozenset(vocab)
        self._protect = common_words() | frozenset(normalise(w) for w in protect)
        self._index: dict[str, set[str]] = {}
        if fuzzy:
            for word in vocab:
                depth = allowed_typos(len(word))
                if depth and not word.isdigit():
                    for d in deletions(word, depth):
                        self._index.setdefault(d, set()).add(word)
        self._cache: dict[str, str] = {}
        # Many parsers run the same matcher on the same message: remember recent results.
        self._found: dict[tuple[str, ...], tuple[Match, ...]] = {}
        register_message_cache(self._found.clear)

    def canon(self, token: str) -> str:
        """The vocabulary word this token most likely means (or the token itself)."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        result = self._correct(token)
        if len(self._cache) < 20000:  # bounded: arbitrary input must not grow memory forever
            self._cache[token] = result
        return result

    def _correct(self, token: str) -> str:
        if (
            not self._index
            or token in self._vocab
            or token in self._protect
            or len(token) < 5
            or len(token) > 40
            or not token.isalpha()
        ):
            return token
        if "y" in token and token.replace("y", "ij") in self._vocab:
            return token.replace("y", "ij")  # "bystand": a common spelling of "ij"
        best: list[str] = []
        best_d = 3
        for d in deletions(token, allowed_typos(len(token))):
            for word in self._index.get(d, ()):
                limit = allowed_typos(min(len(word), len(token)))
                if not limit or not _same_start(token, word, limit):
                    continue
                dist = osa_distance(token, word, limit)
                if dist > limit:
                    continue
                if dist < best_d:
                    best, best_d = [word], dist
                elif dist == best_d and word not in best:
                    best.append(word)
        if len(best) > 1:
            # "schulde": "schulden" (shares 7 letters at the start) beats "schuld" (6).
            shared = [_common_prefix(token, w) for w in best]
            top = max(shared)
            best = [w for w, n in zip(best, shared, strict=True) if n == top]
        return best[0] if len(best) == 1 else token  # still a tie: a guess, keep the token

    def _match_at(self, toks: Sequence[str], canon: Sequence[str], i: int) -> Match | None:
        best: Match | None = None
        for ptoks, label, payload in self._by_first.get(canon[i], ()):
            if _fits(ptoks, canon, toks, i):
                best = Match(label, i, i + len(ptoks), payload, ptoks)
                break  # sorted longest first
        for ptoks, label, payload in self._prefixed:
            if _fits(ptoks, canon, toks, i) and (best is None or len(ptoks) > best.end - i):
                best = Match(label, i, i + len(ptoks), payload, ptoks)
        if self._joinable(toks, i):
            joined = self.canon(toks[i] + toks[i + 1])
            for ptoks, label, payload in self._by_first.get(joined, ()):
                if len(ptoks) == 1 and (best is None or best.end - i < 2):
                    best = Match(label, i, i + 2, payload, ptoks)
                    break
        return best

    def _joinable(self, toks: Sequence[str], i: int) -> bool:
        """Try two words as one ("praktijk onderwijs"), but not with a negation or a short
        function word: "geen problemen" must not become "geldproblemen"."""
        if i + 1 >= len(toks):
            return False
        a, b = toks[i], toks[i + 1]
        return (
            len(a) >= 3
            and len(b) >= 2
            and a not in BOUNDARY
            and b not in BOUNDARY
            and a not in NEGATORS
            and b not in NEGATORS
        )

    def find_all(self, toks: Sequence[str]) -> list[Match]:
        """Non-overlapping matches, left to right, longest phrase at each position."""
        key = tuple(toks)
        hit = self._found.get(key)
        if hit is None:
            hit = tuple(self._scan(key))
            if len(self._found) >= 4096:  # bounded: drop everything, rebuild as needed
                self._found.clear()
            self._found[key] = hit
        return list(hit)

    def _scan(self, toks: tuple[str, ...]) -> list[Match]:
        canon = [self.canon(t) for t in toks]
        out: list[Match] = []
        i = 0
        n = len(toks)
        while i < n:
            m = self._match_at(toks, canon, i) if toks[i] not in BOUNDARY else None
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.end
        return out

    def first(self, toks: Sequence[str]) -> Match | None:
        found = self.find_all(toks)
        return found[0] if found else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _same_start(a: str, b: str, limit: int) -> bool:
    """People rarely mistype the first letter; requiring it avoids "vraag" -> "graag".
    Two typos need the first four letters right: "regelingen" is not "rekeningen"."""
    if limit >= 2:
        return a[:4] == b[:4]
    return a[0] == b[0] or (a[:2] == b[1::-1])


def _fits(ptoks: tuple[str, ...], canon: Sequence[str], toks: Sequence[str], i: int) -> bool:
    if i + len(ptoks) > len(canon):
        return False
    for k, p in enumerate(ptoks):
        if p.endswith("*"):
            if not toks[i + k].startswith(p[:-1]):
                return False
        elif canon[i + k] != p:
            return False
    return True


def negated(
    toks: Sequence[str], match: Match, window: int = 3, ahead: bool = True, floor: int = 0
) -> bool:
    """True when a negation word governs the match: "geen schulden", "niet depressief",
    "ik blow niet". Looks back up to ``window`` words within the clause and (if ``ahead``)
    one word ahead. The look-back stops at ``floor`` (the end of the previous match), so in
    "geen rijbewijs, hele dag thuis" the "geen" belongs to "rijbewijs" only.

    "niet alleen" means "not only" and does not negate.
    """
    if match.phrase and match.phrase[0] in NEGATORS:
        return False  # the phrase carries its own negation ("geen geld", "geen vrienden")
    j = match.start - 1
    seen = 0
    while j >= floor and seen < window:
        tok = toks[j]
        if tok in BOUNDARY or tok in _NEG_STOP:
            break
        if tok in NEGATORS:
            nxt = toks[j + 1] if j + 1 < len(toks) else ""
            if not (tok == "niet" and nxt == "alleen"):
                return True
        j -= 1
        seen += 1
    return ahead and match.end < len(toks) and toks[match.end] in {"niet", "nooit"}


def split_negated(
    toks: Sequence[str], found: Sequence[Match], ahead: bool = True, stop_at_matches: bool = False
) -> tuple[list[Match], list[Match]]:
    """``found`` split into (live, negated) matches; see :func:`negated`.

    With ``stop_at_matches`` a negation does not reach past an earlier match: right for life
    domains ("geen rijbewijs hele dag thuis"), wrong where a match is only the negation itself
    ("geen hulp bij cv", "geen bijstand").
    """
    live: list[Match] = []
    dead: list[Match] = []
    floor = 0
    for m in found:
        (dead if negated(toks, m, ahead=ahead, floor=floor) else live).append(m)
        if stop_at_matches:
            floor = m.end
    return live, dead
