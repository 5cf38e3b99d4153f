"""PrO/VSO school-leaving answers: documents, stages and the school code."""

from __future__ import annotations

import pytest

from bot.nlp import parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ja", "ja"), ("Ja hoor, het is af", "ja"), ("nee", "nee"), ("geen", "nee"),
        ("komt nog", "in_voorbereiding"), ("nog niet", "in_voorbereiding"),
        ("wordt gemaakt door de mentor", "in_voorbereiding"), ("bijna klaar", "in_voorbereiding"),
        ("ja, heftruck en VCA", "ja"), ("hij heeft een branchecertificaat", "ja"),
        ("weet ik niet", None), ("misschien", None), ("", None),
    ],
)
def test_document_state(text: str, expected: str | None) -> None:
    assert parse.parse_document_state(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("goed", "goed"), ("stage bij de Jumbo, ging goed", "goed"), ("wisselend", "wisselend"),
        ("moeilijk", "lastig"), ("de stage is afgebroken", "lastig"),
        ("nog geen stage gehad", "geen"), ("nee", "geen"), ("nee, ging niet goed", "lastig"),
        ("weet ik niet", None),
    ],
)
def test_stage_result(text: str, expected: str | None) -> None:
    assert parse.parse_stage_result(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K7M3-QX9P", "K7M3QX9P"), ("onze code is k7m3qx9p", "K7M3QX9P"),
        ("VSO De Brug", None), ("Kompas12", None), ("praktijkschool", None), ("12345678", None),
    ],
)
def test_school_code(text: str, expected: str | None) -> None:
    assert parse.parse_school_code(text) == expected
