"""Rasa adapter for the intent classifier in ``bot.nlp.intent_model``.

It reads the spaCy tokens the tokenizer left on the message (so Dutch tokenisation rules apply:
"zo'n", "'s avonds") and needs no other featurizer: the model builds its own TF-IDF features.
Why not DIET: docs/nlu-report.md.
"""

from __future__ import annotations

import logging
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlp.intent_model import IntentModel

logger = logging.getLogger(__name__)
MODEL_FILE = "intent_model.joblib"


def _tokens(message: Message) -> list[str] | None:
    tokens = message.get(TOKENS_NAMES[TEXT])
    return [t.text for t in tokens] if tokens else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    """TF-IDF word and character n-grams, a linear SVM, calibrated confidences."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "C": 2.0,
            "word_ngrams": [1, 2],
            "char_ngrams": [1, 4],
            "calibration_folds": 3,
            "random_seed": 42,
            "ranking_length": 10,
            # "balanced": small intents (a stop, a request for a person) weigh as much as the
            # large "inform" class when the model is fitted.
            "class_weight": None,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: IntentModel | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if len({e.get(INTENT) for e in examples}) < 2:
            logger.debug("fewer than two intents to learn; the intent classifier is not trained")
            return self._resource
        self.model = IntentModel(
            c=float(self.config["C"]),
            word_ngrams=tuple(self.config["word_ngrams"]),
            char_ngrams=tuple(self.config["char_ngrams"]),
            calibration_folds=int(self.config["calibration_folds"]),
            random_seed=int(self.config["random_seed"]),
            class_weight=self.config.get("class_weight"),
        ).fit(
            [e.get(TEXT) for e in examples],
            [e.get(INTENT) for e in examples],
            [_tokens(e) for e in examples],
        )
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self.model, directory / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        model = None
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
        except (ValueError, FileNotFoundError):
            logger.warning("no trained intent model found; every message gets no intent")
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        if self.model is None:
            return messages
        texts = [m.get(TEXT) or "" for m in messages]
        predictions = self.model.predict(texts, [_tokens(m) for m in messages])
        length = int(self.config["ranking_length"])
        for message, prediction in zip(messages, predictions, strict=True):
            ranking = [
                {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: confidence}
                for name, confidence in prediction.ranking
            ]
            if length > 0:
                ranking = ranking[:length]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
