"""The codes-and-labels file (``bot/codes.yml``): every code list and its Dutch words.

``label(list, code, audience)`` gives the words an audience sees: the entry's key for that
audience when the file has one, else its shared ``label``. ``labels(list, audience)`` gives a
whole list as a dict in the file's order. The file is read once per process.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

CODES_PATH = Path(__file__).with_name("codes.yml")
AUDIENCES = frozenset({"coach", "web", "short", "b1", "chat", "school"})


@lru_cache(maxsize=1)
def codes() -> dict[str, Any]:
    """The whole file, as YAML reads it."""
    return yaml.safe_load(CODES_PATH.read_text(encoding="utf-8"))


def entry(code_list: str, code: Any) -> dict[str, str]:
    return codes()[code_list][code]


def label(code_list: str, code: Any, audience: str) -> str:
    """The words ``audience`` sees for ``code``; ``KeyError`` when the file has none."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    found = codes()[code_list][code]
    return found[audience] if audience in found else found["label"]


@cache
def _labels(code_list: str, audience: str) -> tuple[tuple[Any, str], ...]:
    return tuple(
        (code, found[audience] if audience in found else found["label"])
        for code, found in codes()[code_list].items()
        if audience in found or "label" in found
    )


def labels(code_list: str, audience: str) -> dict[Any, str]:
    """Every code of ``code_list`` that ``audience`` has words for, with those words."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    return dict(_labels(code_list, audience))


def code_list(name: str) -> tuple[Any, ...]:
    """The codes of a list, in the file's order."""
    return tuple(codes()[name])
