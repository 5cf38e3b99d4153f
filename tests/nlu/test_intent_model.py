"""The intent classifier (bot.nlp.intent_model) and its Rasa adapter."""

from __future__ import annotations

from pathlib import Path

import joblib
import numpy as np
import pytest
import yaml
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.intent_model import IntentModel, word_tokens
from components.intent_classifier import LinearIntentClassifier

ROOT = Path(__file__).resolve().parents[2]


def examples(path: Path) -> tuple[list[str], list[str]]:
    texts, intents = [], []
    for item in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
        if "intent" not in item:
            continue
        for line in item["examples"].splitlines():
            line = line.strip()
            if line.startswith("- "):
                texts.append(line[2:].strip())
                intents.append(item["intent"])
    return texts, intents


@pytest.fixture(scope="module")
def trained() -> IntentModel:
    texts, intents = [], []
    for path in sorted((ROOT / "data" / "nlu").glob("*.yml")):
        t, i = examples(path)
        texts += t
        intents += i
    return IntentModel().fit(texts, intents)


SMALL = (
    ["ja", "ja hoor", "jazeker", "nee", "nee hoor", "echt niet", "waarom", "waarom vraag je dat"],
    ["affirm", "affirm", "affirm", "deny", "deny", "deny", "ask_why", "ask_why"],
)


def test_tokens_get_sentence_markers_and_digits_fold() -> None:
    assert word_tokens("Ik werk 24 uur") == ["<s>", "ik", "werk", "00", "uur", "</s>"]
    assert word_tokens("zo'n baan", ["zo'n", "baan"]) == ["<s>", "zo'n", "baan", "</s>"]


def test_predictions_are_a_ranking_of_probabilities() -> None:
    model = IntentModel(calibration_folds=2).fit(*SMALL)
    [pred] = model.predict(["jaaa hoor"])
    assert pred.intent == "affirm"
    assert [name for name, _ in pred.ranking][0] == "affirm"
    confidences = [c for _, c in pred.ranking]
    assert confidences == sorted(confidences, reverse=True)
    assert abs(sum(confidences) - 1) < 1e-6 and all(0 <= c <= 1 for c in confidences)
    assert model.temperature > 0


def test_bad_training_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="two intents"):
        IntentModel().fit(["ja", "jawel"], ["affirm", "affirm"])
    with pytest.raises(ValueError, match="as many"):
        IntentModel().fit(["ja"], ["affirm", "deny"])
    with pytest.raises(RuntimeError, match="not trained"):
        IntentModel().predict(["ja"])


def test_same_data_same_model(tmp_path: Path) -> None:
    first = IntentModel().fit(*SMALL).predict(["nee joh", "hoezo"])
    path = tmp_path / "m.joblib"
    joblib.dump(IntentModel().fit(*SMALL), path)
    again = joblib.load(path).predict(["nee joh", "hoezo"])
    for a, b in zip(first, again, strict=True):
        assert a.intent == b.intent and np.isclose(a.confidence, b.confidence)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("waarom wil je dat weten", "ask_why"),
        ("ik wil stoppen, later verder", "pause_intake"),
        ("ik wil een echt mens spreken", "request_human"),
        ("wat is een jobcoach", "ask_info"),
        ("ik bedoel 20 uur", "correct"),
        ("ben jij een robot", "bot_challenge"),
        ("ik wil kok worden", "inform"),
        ("geen idee", "dont_know"),
    ],
)
def test_the_trained_model_knows_the_main_intents(
    trained: IntentModel, text: str, intent: str
) -> None:
    assert trained.predict([text])[0].intent == intent


def test_held_out_messages_are_mostly_right_and_confidence_means_something(
    trained: IntentModel,
) -> None:
    # tests/nlu/holdout.yml was written apart from the training data (no shared sentences).
    texts, intents = examples(ROOT / "tests" / "nlu" / "holdout.yml")
    preds = trained.predict(texts)
    right = np.array([p.intent == i for p, i in zip(preds, intents, strict=True)])
    conf = np.array([p.confidence for p in preds])
    assert right.mean() >= 0.85
    # Calibrated: confident predictions are right far more often than unsure ones.
    assert right[conf >= 0.8].mean() > right[conf < 0.6].mean() + 0.2


def test_rasa_component_trains_persists_and_loads(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    resource = Resource("intent")
    context = ExecutionContext(graph_schema=None, node_name="intent")  # type: ignore[arg-type]
    config = {"calibration_folds": 2}
    component = LinearIntentClassifier.create(config, storage, resource, context)
    training = TrainingData(
        [Message(data={TEXT: t, "intent": i}) for t, i in zip(*SMALL, strict=True)]
    )
    component.train(training)
    loaded = LinearIntentClassifier.load(config, storage, resource, context)
    [msg] = loaded.process([Message(data={TEXT: "nee hoor"})])
    assert msg.get("intent")["name"] == "deny"
    assert msg.get("intent_ranking")[0]["name"] == "deny"
    assert 0 < msg.get("intent")["confidence"] <= 1


def test_rasa_component_without_a_trained_model_leaves_messages_alone(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="intent")  # type: ignore[arg-type]
    component = LinearIntentClassifier.load({}, storage, Resource("missing"), context)
    [msg] = component.process([Message(data={TEXT: "ja"})])
    assert msg.get("intent") is None
