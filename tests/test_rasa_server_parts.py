"""The Rasa server speed-ups (the tracker store: tests/test_tracker_store.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
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


def _full_check(result) -> bool:  # noqa: ANN001
    from jsonschema import validate

    try:
        validate(result, RemoteAction.action_response_format_spec())
        return True
    except ValidationError:
        return False


REAL_EVENTS = [
    e.as_dict()
    for e in (
        SlotSet("age", 23), SlotSet("name", None), ActionExecuted("action_listen"),
        BotUttered("Hoe oud ben je?", {"buttons": []}), SessionStarted(),
        UserUttered("hoi", {"name": "greet", "confidence": 0.9}), ActiveLoop("intake_form"),
        FollowupAction("action_listen"), Restarted(), AllSlotsReset(),
    )
]
values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(max_size=5), st.lists(st.integers(), max_size=2),
                   st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@st.composite
def action_answers(draw):  # noqa: ANN001, ANN201
    events = []
    for event in draw(st.lists(st.sampled_from(REAL_EVENTS), max_size=5)):
        event = dict(event)
        for key in draw(st.lists(st.sampled_from([*event, "event", "timestamp", "name",
                                                  "value", "metadata"]), max_size=2)):
            event[key] = draw(values)
        events.append(event)
    answer = {"events": events, "responses": draw(st.lists(st.one_of(
        st.just({"text": "hoi"}), values), max_size=2))}
    return answer


@settings(max_examples=400, deadline=None)
@given(action_answers())
def test_quick_answer_check_accepts_only_what_rasas_schema_accepts(answer) -> None:  # noqa: ANN001
    from components.server_speedups import _quick_valid

    if _quick_valid(answer):
        assert _full_check(answer)


def test_quick_answer_check_accepts_real_answers() -> None:
    from components.server_speedups import _quick_valid

    assert _quick_valid({"events": REAL_EVENTS, "responses": [{"text": "hoi"}]})
