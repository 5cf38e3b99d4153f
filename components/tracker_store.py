"""The Rasa tracker store of the embedded default: conversations in memory, kept as objects.

Rasa's ``InMemoryTrackerStore`` writes each conversation to JSON after every turn and reads
it back (building every event again) before the next: at the end of an intake about 14 ms
per turn on the project machine. This store keeps the event objects and rebuilds the
tracker from them, under 1 ms. It also forgets conversations that have been idle for
``max_idle_hours`` or that exceed ``max_conversations`` (oldest first): privacy by design,
and memory that does not grow without bound. Nothing is lost by forgetting: every answer is
in our own database (bot/storage), and ``action_session_start`` restores it when the person
comes back.

endpoints.yml::

    tracker_store:
      type: components.tracker_store.ObjectInMemoryTrackerStore
      max_idle_hours: 24
      max_conversations: 5000
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import (
    DialogueStateTracker,
    get_trackers_for_conversation_sessions,
)


class ObjectInMemoryTrackerStore(TrackerStore):
    def __init__(
        self,
        domain: Domain,
        event_broker: EventBroker | None = None,
        max_idle_hours: float = 24,
        max_conversations: int = 5000,
        **kwargs: Any,
    ) -> None:
        # sender id -> (events, last save as time.monotonic()); least recently saved first
        self._conversations: OrderedDict[str, tuple[tuple[Event, ...], float]] = OrderedDict()
        self.max_idle_seconds = float(max_idle_hours) * 3600
        self.max_conversations = int(max_conversations)
        super().__init__(domain, event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        now = time.monotonic()
        self._conversations[tracker.sender_id] = (tuple(tracker.events), now)
        self._conversations.move_to_end(tracker.sender_id)
        self._forget_old(now)

    def _forget_old(self, now: float) -> None:
        while self._conversations:
            sender_id, (_, saved) = next(iter(self._conversations.items()))
            too_many = len(self._conversations) > self.max_conversations
            if not too_many and now - saved <= self.max_idle_seconds:
                return
            del self._conversations[sender_id]

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        return self._rebuild(sender_id, all_sessions=False)

    async def retrieve_full_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        return self._rebuild(sender_id, all_sessions=True)

    def _rebuild(self, sender_id: str, *, all_sessions: bool) -> DialogueStateTracker | None:
        stored = self._conversations.get(sender_id)
        if stored is None:
            return None
        events, saved = stored
        if time.monotonic() - saved > self.max_idle_seconds:
            del self._conversations[sender_id]
            return None
        # A new list, the same event objects: the turn appends to its own copy, so a turn
        # that fails half-way leaves the stored conversation as it was.
        tracker = DialogueStateTracker.from_events(
            sender_id, list(events), self.domain.slots, self.max_event_history
        )
        if all_sessions:
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return sessions[-1] if len(sessions) > 1 else tracker

    async def keys(self) -> Iterable[str]:
        return list(self._conversations.keys())

    async def delete(self, sender_id: str) -> None:
        """Forget one conversation (erasure on request)."""
        self._conversations.pop(sender_id, None)
