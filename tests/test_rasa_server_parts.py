"""The Rasa server parts we add: the object tracker store and the server speed-ups."""

from __future__ import annotations

import asyncio

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from components import server_speedups
from components.tracker_store import ObjectInMemoryTrackerStore

DOMAIN = Domain.load("domain.yml")


def tracker(sender: str, text: str = "hoi") -> DialogueStateTracker:
    events = [
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "greet", "confidence": 1.0}),
        SlotSet("name", "Sam"),
    ]
    return DialogueStateTracker.from_events(sender, events, DOMAIN.slots)


def run(coro):  # noqa: ANN001, ANN201
    return asyncio.run(coro)


def test_store_gives_back_an_equal_conversation_that_a_turn_cannot_change() -> None:
    store = ObjectInMemoryTrackerStore(DOMAIN)
    saved = tracker("a")
    run(store.save(saved))
    first = run(store.retrieve("a"))
    assert first is not None and first.get_slot("name") == "Sam"
    assert [e.as_dict() for e in first.events] == [e.as_dict() for e in saved.events]
    first.update(SlotSet("name", "Ali"))  # a turn in progress, not saved
    again = run(store.retrieve("a"))
    assert again.get_slot("name") == "Sam" and len(again.events) == 3
    assert run(store.retrieve("nobody")) is None


def test_store_forgets_idle_and_surplus_conversations_and_on_request(monkeypatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr("components.tracker_store.time.monotonic", lambda: clock[0])
    store = ObjectInMemoryTrackerStore(DOMAIN, max_idle_hours=1, max_conversations=2)
    for sender in ("a", "b", "c"):
        run(store.save(tracker(sender)))
    assert sorted(run(store.keys())) == ["b", "c"]  # the oldest went first
    clock[0] += 2 * 3600
    assert run(store.retrieve("b")) is None  # idle too long
    run(store.save(tracker("d")))
    assert list(run(store.keys())) == ["d"]
    run(store.delete("d"))
    assert list(run(store.keys())) == []


def test_store_is_what_endpoints_yml_configures() -> None:
    import yaml

    with open("endpoints.yml", encoding="utf-8") as handle:
        config = yaml.safe_load(handle)["tracker_store"]
    assert config["type"] == "components.tracker_store.ObjectInMemoryTrackerStore"


def test_speedups_are_applied_on_import() -> None:
    assert RemoteAction._validate_action_result is server_speedups._validate_action_result


def test_faster_response_check_still_refuses_a_bad_answer() -> None:
    action = RemoteAction("action_x", None)
    assert action._validate_action_result({"events": [], "responses": [{"text": "hoi"}]})
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": "not a list", "responses": []})


def test_event_lookup_finds_the_same_class_as_rasa() -> None:
    for cls in all_subclasses(Event):
        assert Event.resolve_by_type(cls.type_name) is next(
            c for c in all_subclasses(Event) if c.type_name == cls.type_name
        )
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("nonsense", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("nonsense")
