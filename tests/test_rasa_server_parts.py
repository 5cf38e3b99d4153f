"""The Rasa server speed-ups (the tracker store: tests/test_tracker_store.py)."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.utils.common import all_subclasses

from components import server_speedups

DOMAIN = Domain.load("domain.yml")


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
