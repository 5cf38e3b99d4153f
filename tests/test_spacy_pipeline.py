"""Both ways of getting a Dutch spaCy pipeline: the packaged model and our offline one."""

from __future__ import annotations

import pytest
import spacy

from bot.nlp import pipeline


@pytest.fixture(autouse=True)
def fresh_cache():
    pipeline.load_dutch_pipeline.cache_clear()
    yield
    pipeline.load_dutch_pipeline.cache_clear()


def test_offline_pipeline_tokenises_and_lemmatises_dutch() -> None:
    nlp, name = pipeline.load_dutch_pipeline("offline")
    assert name == pipeline.OFFLINE_MODEL
    doc = nlp("Ik heb vroeger in keukens gewerkt en heb schulden")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gewerkt"] == "werken" and lemmas["schulden"] == "schuld"


def test_auto_uses_the_packaged_model_when_it_is_installed(monkeypatch) -> None:
    loaded = {}

    def fake_load(name, **kwargs):
        loaded["name"], loaded["kwargs"] = name, kwargs
        return spacy.blank("nl")

    monkeypatch.setattr(pipeline, "packaged_model_available", lambda: True)
    monkeypatch.setattr(spacy, "load", fake_load)
    nlp, name = pipeline.load_dutch_pipeline("auto")
    assert name == "nl_core_news_sm" and loaded["name"] == "nl_core_news_sm"
    assert loaded["kwargs"] == {"disable": ["parser"]}


def test_auto_falls_back_to_the_offline_pipeline(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "packaged_model_available", lambda: False)
    _, name = pipeline.load_dutch_pipeline("auto")
    assert name == pipeline.OFFLINE_MODEL


def test_packaged_model_check_matches_spacy() -> None:
    assert pipeline.packaged_model_available() == spacy.util.is_package("nl_core_news_sm")


def test_unknown_choice_is_refused() -> None:
    with pytest.raises(ValueError):
        pipeline.load_dutch_pipeline("english")
