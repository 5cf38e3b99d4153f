"""An NLU component for two intents said outright in so many words, whatever the model heard.

``IntentCues`` runs right after ``SafetyNet``: a short "gewoon verder" always means going on
(``resume_intake``), and "ik wil nog iets veranderen" heard as a greeting, "verder" or thanks
is a wish to change an answer (``correct``). A crisis or another language, which the safety
net already answered, is left as it is.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlp import parse
from components.safety_net import HEARD, Stateless, override

# Intents the model gives "ik wil nog iets veranderen" that are certainly no change.
_NOT_A_CHANGE = frozenset(
    {"greet", "resume_intake", "start_intake", "goodbye", "thank", "chitchat", "affirm"}
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class IntentCues(Stateless):
    """Going on and changing an answer, said outright, override the classifier's intent."""

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not isinstance(text, str) or text.startswith("/"):
                continue  # button payloads with an explicit intent are left alone
            if message.get(HEARD):
                continue  # a crisis or another language: the safety net's answer stands
            if parse.wants_to_go_on(text):
                override(message, "resume_intake")
            elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) in _NOT_A_CHANGE and (
                parse.wants_to_change(text)
            ):
                # "Wacht, ik wil nog iets veranderen": heard as a greeting or "verder" before.
                override(message, "correct")
        return messages
