"""The Rasa NLU components: spaCy loader and safety net, run as Rasa runs them."""

from __future__ import annotations

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.safety_net import MAX_NLU_CHARS, InputGuard, SafetyNet
from components.spacy_nl import SpacyNLP


def message(text: str, intent: str = "inform", confidence: float = 0.9) -> Message:
    msg = Message(data={TEXT: text})
    msg.set("intent", {"name": intent, "confidence": confidence})
    msg.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    return msg


def test_safety_net_turns_crisis_words_into_the_crisis_intent() -> None:
    [msg] = SafetyNet().process([message("ik wil er niet meer zijn", "inform", 0.97)])
    assert msg.get("intent")["name"] == "crisis"
    assert msg.get("intent_ranking")[0]["name"] == "crisis"
    assert "suicide" in msg.get("crisis_signals")


def test_safety_net_marks_english_and_leaves_dutch_alone() -> None:
    english, dutch = SafetyNet().process(
        [message("Hello, can we talk in English please?"), message("ik wil graag een fulltime job")]
    )
    assert english.get("intent")["name"] == "other_language"
    assert dutch.get("intent")["name"] == "inform"


def test_input_guard_clips_long_text_and_says_so() -> None:
    [msg] = InputGuard().process([message("a" * 5000)])
    assert len(msg.get(TEXT)) == MAX_NLU_CHARS and msg.get("input_truncated") is True


def test_spacy_component_loads_a_dutch_pipeline() -> None:
    component = SpacyNLP.create({"model": "offline"}, None, None, None)  # type: ignore[arg-type]
    model = component.provide()
    assert model.model.lang == "nl"
