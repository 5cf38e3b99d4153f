"""The Dutch wording of profile errors: every message names the field and what was wrong.

Tests, the CLI, the API and the school CSV upload show these texts, so they are pinned.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any


class ProfileError(Exception):
    """A profile that cannot be used: ``errors`` lists (field path, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        self.errors: list[tuple[str, str]] = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "; ".join(f'veld "{path}": {message}' for path, message in self.errors)

def choice_message(value: str, allowed: tuple[str, ...], *, suggest: bool = False) -> str:
    """ "onbekende waarde "JA" (bedoelde je "ja"?)": strict JSON wants the exact spelling."""
    same = next((a for a in allowed if a.lower() == value.strip().lower()), None)
    if same is not None:
        return f'onbekende waarde "{value}" (bedoelde je "{same}"?)'
    if suggest:
        return unknown_name_message(f'onbekende waarde "{value}"', value, allowed)
    return f'onbekende waarde "{value}"; kies uit: {", ".join(allowed)}'


def unknown_name_message(prefix: str, name: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    if close:
        return f'{prefix} (bedoelde je "{close[0]}"?)'
    return f"{prefix}; kies uit: {', '.join(choices)}"


def describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        return f'de tekst "{value}"'
    if isinstance(value, Mapping):
        return "een object"
    if isinstance(value, (list, tuple)):
        return "een lijst"
    return type(value).__name__


def format_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
