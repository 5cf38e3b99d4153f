"""A drop-in for Rasa's ``SpacyNLP`` that always has a Dutch pipeline to offer.

The class keeps the name ``SpacyNLP`` on purpose: Rasa's recipe wires ``SpacyTokenizer`` to the
node whose class is named ``SpacyNLP``.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.utils.spacy_utils import SpacyModel
from rasa.nlu.utils.spacy_utils import SpacyNLP as RasaSpacyNLP

from bot.nlp.pipeline import load_dutch_pipeline


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.MODEL_LOADER, DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER],
    is_trainable=False,
    model_from="SpacyNLP",
)
class SpacyNLP(RasaSpacyNLP):
    """Loads ``nl_core_news_sm`` when installed, otherwise the offline Dutch pipeline.

    Config ``model``: ``auto`` (default), ``packaged`` or ``offline``.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**RasaSpacyNLP.get_default_config(), "model": "auto"}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpacyNLP:
        config = {**cls.get_default_config(), **config}
        nlp, name = load_dutch_pipeline(config["model"])
        return cls(SpacyModel(model=nlp, model_name=name), config)
