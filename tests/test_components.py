"""The Rasa NLU components: spaCy loader, safety net and intent cues, run as Rasa runs them."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from components.intent_cues import IntentCues
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


def test_safety_net_hears_only_crisis_and_language() -> None:
    # Going on and changing an answer are the intent cues' job, not the safety net's.
    go_on, change = SafetyNet().process(
        [message("gewoon verder", "chitchat"), message("ik wil nog iets veranderen", "greet")]
    )
    assert go_on.get("intent")["name"] == "chitchat"
    assert change.get("intent")["name"] == "greet"


def run_nlu_end(*messages: Message) -> list[Message]:
    """The end of the pipeline as config.yml has it: SafetyNet, then IntentCues."""
    return IntentCues().process(SafetyNet().process(list(messages)))


def test_intent_cues_hear_going_on_said_outright() -> None:
    [msg] = run_nlu_end(message("nee laat maar, gewoon verder", "pause_intake", 0.8))
    assert msg.get("intent") == {"name": "resume_intake", "confidence": 1.0}
    assert msg.get("intent_ranking")[0]["name"] == "resume_intake"
    assert [r["name"] for r in msg.get("intent_ranking")] == ["resume_intake", "pause_intake"]


def test_intent_cues_hear_a_change_only_where_the_model_heard_no_other_request() -> None:
    greet, inform, support = run_nlu_end(
        message("wacht, ik wil nog iets veranderen", "greet"),
        message("ik wil mijn antwoord aanpassen", "inform"),
        message("aanpassingen op het werk", "greet"),
    )
    assert greet.get("intent")["name"] == "correct"
    assert inform.get("intent")["name"] == "inform"  # the model's own reading stands
    assert support.get("intent")["name"] == "greet"  # a support need, not a change


def test_intent_cues_leave_crisis_language_and_buttons_alone() -> None:
    crisis, english, payload, dutch = run_nlu_end(
        message("ik wil er niet meer zijn, gewoon verder", "inform"),
        message("Hello, I want to change something", "greet"),
        message("/resume_intake", "pause_intake"),
        message("ik wil graag een fulltime job"),
    )
    assert crisis.get("intent")["name"] == "crisis"
    assert english.get("intent")["name"] == "other_language"
    assert payload.get("intent")["name"] == "pause_intake"
    assert dutch.get("intent")["name"] == "inform"


def test_intent_cues_come_right_after_the_safety_net_in_config() -> None:
    config = yaml.safe_load((Path(__file__).resolve().parents[1] / "config.yml").read_text())
    names = [step["name"] for step in config["pipeline"]]
    at = names.index("components.safety_net.SafetyNet")
    assert names[at + 1 :] == ["components.intent_cues.IntentCues"]


def test_input_guard_clips_long_text_and_says_so() -> None:
    [msg] = InputGuard().process([message("a" * 5000)])
    assert len(msg.get(TEXT)) == MAX_NLU_CHARS and msg.get("input_truncated") is True


def test_spacy_component_loads_a_dutch_pipeline() -> None:
    component = SpacyNLP.create({"model": "offline"}, None, None, None)  # type: ignore[arg-type]
    model = component.provide()
    assert model.model.lang == "nl"
