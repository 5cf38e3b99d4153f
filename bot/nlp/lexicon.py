"""Reads the vocabularies in ``bot/nlp/lexicon/*.yml`` once and keeps them in memory."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

LEXICON_DIR = Path(__file__).resolve().parent / "lexicon"


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed YAML file ``lexicon/<name>.yml`` (a mapping). Cached for the process."""
    with (LEXICON_DIR / f"{name}.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"lexicon {name}.yml must be a mapping at the top level")
    return data


@functools.cache
def common_words() -> frozenset[str]:
    """Frequent Dutch words that typo correction must never change into something else."""
    from bot.nlp.text import normalise

    return frozenset(normalise(w) for w in load("common_words")["words"])


def labelled(section: dict[str, list[Any]]) -> list[tuple[str, str, Any]]:
    """Turn ``{label: [phrase, ...]}`` into ``(phrase, label, None)`` entries.

    A phrase may also be written as ``[phrase, payload]`` (for example a score).
    """
    out: list[tuple[str, str, Any]] = []
    for label, phrases in section.items():
        for item in phrases or []:
            if isinstance(item, list):
                out.append((str(item[0]), str(label), item[1]))
            else:
                out.append((str(item), str(label), None))
    return out


def scored(section: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """Turn ``{phrase: score}`` into ``(phrase, str(score), score)`` entries."""
    return [(str(phrase), str(score), score) for phrase, score in section.items()]


def word_pattern(phrases: Iterable[str]) -> str:
    """A regular-expression alternation for a word list written as people type it.

    Each phrase matches as whole words, its words separated by any white space; a ``*`` at
    either end leaves that end open: ``kut*`` is "kut", "kutvraag", ...; ``*geld*`` is "geld"
    anywhere in a word ("wisselgeld"). The order of the list is kept (it can matter for
    ``finditer``)."""
    parts: list[str] = []
    for phrase in phrases:
        text = str(phrase)
        start = "" if text.startswith("*") else r"\b"
        end = "" if text.endswith("*") else r"\b"
        core = r"\s+".join(re.escape(word) for word in text.strip("*").split())
        parts.append(f"{start}{core}{end}")
    return "|".join(parts)
