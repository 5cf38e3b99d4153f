"""Resolving a school code (from the school link or typed in the chat) to the school's name.

The conversation code has no database: the action server installs the resolver at start
(``set_resolver``, backed by the store); without one, no code is known.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)
_resolver: Callable[[str], str | None] | None = None


def set_resolver(resolver: Callable[[str], str | None] | None) -> None:
    global _resolver
    _resolver = resolver


def resolve(code: str) -> str | None:
    """The school name for ``code``, or None (unknown code, no resolver, storage down)."""
    if _resolver is None or not code:
        return None
    try:
        return _resolver(code)
    except Exception:  # the chat goes on; the school can type its name instead
        log.exception("school code lookup failed")
        return None
