"""Loads the Dutch spaCy pipeline.

``nl_core_news_sm`` is used when it is installed. It cannot be downloaded on every machine, so
the project also builds its own offline pipeline: a blank Dutch tokenizer with the lookup
lemmatizer from ``spacy-lookups-data``. Both give tokens and lemmas, which is all the NLU
pipeline uses (no word vectors), so a model trained with one runs with the other.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

PACKAGED_MODEL = "nl_core_news_sm"
OFFLINE_MODEL = "nl_offline_lookup"


def packaged_model_available() -> bool:
    import spacy

    return bool(spacy.util.is_package(PACKAGED_MODEL))


def build_offline_pipeline() -> Language:
    """A blank Dutch pipeline with the lookup lemmatizer (works without network)."""
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()  # loads the lookup table from spacy-lookups-data
    nlp.meta["name"] = OFFLINE_MODEL.removeprefix("nl_")
    return nlp


@lru_cache(maxsize=2)
def load_dutch_pipeline(prefer: str = "auto") -> tuple[Language, str]:
    """Return ``(nlp, name)``; ``prefer`` is ``auto``, ``packaged`` or ``offline``."""
    import spacy

    if prefer not in {"auto", "packaged", "offline"}:
        raise ValueError(f"prefer must be auto, packaged or offline, not {prefer!r}")
    if prefer == "packaged" or (prefer == "auto" and packaged_model_available()):
        # The parser is not used by any component; leaving it out saves time per message.
        return spacy.load(PACKAGED_MODEL, disable=["parser"]), PACKAGED_MODEL
    logger.info("spaCy model %s not installed; using the offline Dutch pipeline", PACKAGED_MODEL)
    return build_offline_pipeline(), OFFLINE_MODEL
