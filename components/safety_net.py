"""NLU components that put code-level checks in front of (and after) the statistical model.

``InputGuard`` runs first: it clips very long messages so tokenising and DIET stay fast (the
full text still reaches the actions). ``SafetyNet`` runs after the model: a crisis signal found
by ``bot.nlp`` always wins (safety first, DOMAIN.md), and a message in English or another
language becomes ``other_language`` so the person hears that the intake is in Dutch. It hears
nothing else: the cues for going on and changing an answer are ``components.intent_cues``.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp import parse

MAX_NLU_CHARS = 1000


class Stateless(GraphComponent):
    """A component without training or state (shared with ``components.intent_cues``)."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputGuard(Stateless):
    """Clips the text the model sees; the actions still get the whole message."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT)
            if isinstance(text, str) and len(text) > MAX_NLU_CHARS:
                message.set(TEXT, text[:MAX_NLU_CHARS])
                # The clipped text is what the actions see; this tells them it was clipped.
                message.set("input_truncated", True, add_to_output=True)
        return messages


def override(message: Message, intent: str, **extra: Any) -> None:
    """Make ``intent`` the message's intent, with full confidence, above the model's ranking."""
    ranking = [r for r in message.get("intent_ranking") or [] if r.get(INTENT_NAME_KEY) != intent]
    top = {INTENT_NAME_KEY: intent, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, top, add_to_output=True)
    message.set("intent_ranking", [top, *ranking], add_to_output=True)
    for key, value in extra.items():
        message.set(key, value, add_to_output=True)


# What the safety net heard in a message, for the components after it (not in the NLU output).
HEARD = "safety_net_heard"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafetyNet(Stateless):
    """Crisis words and other languages override the classifier's intent."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not isinstance(text, str) or text.startswith("/"):
                continue  # button payloads with an explicit intent are left alone
            signals = parse.detect_crisis(text)
            if signals:
                override(message, "crisis", crisis_signals=signals)
                message.set(HEARD, "crisis")
            elif parse.detect_language(text) in ("en", "other"):
                override(message, "other_language")
                message.set(HEARD, "other_language")
        return messages
