"""Tracker fixtures for the action tests (the pattern of Rasa's reference assistants)."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.storage import get_store, reset_stores


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """Every action test gets its own SQLite database."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'actions.sqlite3'}")
    monkeypatch.setenv("SECRET_KEY", "action-tests")
    reset_stores()
    yield get_store()
    reset_stores()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    slots: dict[str, Any] | None = None,
    *,
    text: str = "",
    intent: str = "inform",
    confidence: float = 0.95,
    sender: str = "tester-1",
    active_loop: str | None = "intake_form",
    after_user: list[dict[str, Any]] | None = None,
    latest_extra: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``text``; ``after_user`` are the events since."""
    latest = {"text": text, "intent": {"name": intent, "confidence": confidence}, "entities": []}
    latest.update(latest_extra or {})
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest, "timestamp": 1_700_000_000},
        *(
            after_user
            if after_user is not None
            else [{"event": "action", "name": "action_extract_slots"}]
        ),
    ]
    return Tracker(
        sender,
        dict(slots or {}),
        latest,
        events,
        False,
        None,
        {"name": active_loop} if active_loop else {},
        "action_listen",
    )


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)
