"""Input guard, language detection, text helpers and typo-tolerant matching."""

from __future__ import annotations

import pytest

from bot.nlp import parse
from bot.nlp.matcher import PhraseMatcher
from bot.nlp.text import allowed_typos, osa_distance


def test_guard_plain_text() -> None:
    result = parse.guard_input("  Ik wil   graag werken  ")
    assert result == parse.GuardResult(
        text="Ik wil graag werken",
        empty=False,
        emoji_only=False,
        emoji_meaning=None,
        truncated=False,
        had_html=False,
        original_length=25,
    )


def test_guard_strips_html_but_keeps_text() -> None:
    result = parse.guard_input("<p>ja <b>hoor</b></p><script>alert(1)</script>")
    assert result.text == "ja hoor"
    assert result.had_html


def test_guard_keeps_lookalikes_of_html() -> None:
    result = parse.guard_input("ik ben <18 en dit is <3")
    assert result.text == "ik ben <18 en dit is <3" and not result.had_html


def test_guard_keeps_entities_as_typed() -> None:
    assert parse.guard_input("school &amp; werk").text == "school &amp; werk"
    # Decoded, this would be stored as a script tag.
    assert parse.guard_input("&lt;script&gt;alert(1)&lt;/script&gt;").text == (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


def test_guard_removes_control_and_invisible_characters() -> None:
    result = parse.guard_input("ja\x00\x07 hoor\u200b\u202e")
    assert result.text == "ja hoor"


def test_guard_keeps_single_newlines() -> None:
    assert parse.guard_input("koken\n\n\n  schoonmaken\n").text == "koken\nschoonmaken"


def test_guard_truncates_at_word_boundary() -> None:
    text = "werken " * 400
    result = parse.guard_input(text)
    assert result.truncated
    assert len(result.text) <= parse.MAX_LENGTH
    assert result.text.endswith("werken")
    assert result.original_length == len(text)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "...", "!!!", "-", "<br><br>", "\x00"])
def test_guard_empty(text: str) -> None:
    assert parse.guard_input(text).empty


def test_guard_question_mark_is_not_empty() -> None:
    result = parse.guard_input("?")
    assert not result.empty and parse.is_dont_know("?")


@pytest.mark.parametrize(
    ("text", "meaning"),
    [
        ("👍", "ja"),
        ("👍🏽", "ja"),
        ("👌", "ja"),
        ("✅", "ja"),
        ("🙂", "ja"),
        ("👍👍👍", "ja"),
        (":)", "ja"),
        ("👎", "nee"),
        ("❌", "nee"),
        ("🙁", "nee"),
        (":(", "nee"),
        ("👍👎", None),
        ("🍕", None),
        ("🤷", None),
        ("😂😂", None),
    ],
)
def test_guard_emoji(text: str, meaning: str | None) -> None:
    result = parse.guard_input(text)
    assert result.emoji_only and not result.empty
    assert result.emoji_meaning == meaning


def test_guard_emoji_with_text_is_not_emoji_only() -> None:
    result = parse.guard_input("ja 👍")
    assert not result.emoji_only and result.emoji_meaning is None


LANGUAGE = [
    ("ja", "nl"),
    ("oke", "nl"),
    ("oké", "nl"),
    ("zsm", "nl"),
    ("ja hoor", "nl"),
    ("ik wil een job", "nl"),
    ("ik wil graag fulltime werken als kok", "nl"),
    ("sorry ik snap het niet", "nl"),
    ("ik wil werken, sorry my english is bad", "nl"),
    ("Ik ben 19 jaar en wil in de zorg werken", "nl"),
    ("koken schoonmaken vrijwilligerswerk", "nl"),
    ("fulltime", "unknown"),
    ("parttime", "unknown"),
    ("job", "unknown"),
    ("ok", "unknown"),
    ("24", "unknown"),
    ("👍", "unknown"),
    ("", "unknown"),
    ("?", "unknown"),
    ("Do you speak English?", "en"),
    ("I want a job", "en"),
    ("hello", "en"),
    ("Hello, I need help with my CV", "en"),
    ("I don't understand", "en"),
    ("Good morning", "en"),
    ("Can I write in English?", "en"),
    ("Salam, ik zoek werk", "nl"),
    ("thanks", "unknown"),
    ("Ich möchte arbeiten", "other"),
    ("Bonjour, je veux travailler", "other"),
    ("Merhaba, iş istiyorum", "other"),
    ("Dzień dobry, jestem z Polski", "other"),
    ("Hola, quiero trabajar", "other"),
    ("أريد العمل", "other"),
    ("Я хочу работать", "other"),
    ("我想工作", "other"),
    ("ሰላም", "other"),
    # Turkish and Polish: words of the lexicon, and endings Dutch never has.
    ("Ben 25 yaşındayım", "other"),
    ("Ben Türküm, Hollandaca bilmiyorum", "other"),
    ("Hollandaca konuşamıyorum", "other"),
    ("Türkçe konuşan biri var mı?", "other"),
    ("Evet", "other"),
    ("Nie mówię po holendersku", "other"),
    ("Chciałbym pracować w kuchni", "other"),
    ("Potrzebuję pomocy", "other"),
    ("Mam 25 lat", "other"),
    # Names with letters Dutch does not use are answers, not another language.
    ("Ayşe", "unknown"),
    ("Şükrü Yılmaz", "unknown"),
    ("Łukasz", "unknown"),
    ("Małgorzata", "unknown"),
    ("ik heet Ayşe", "nl"),
    ("merhaba, ik ben Ayşe", "nl"),
    ("Ik ben Łukasz en ik ben 30", "nl"),
    ("ben er ook", "nl"),
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE)
def test_detect_language(text: str, expected: str) -> None:
    assert parse.detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Één Café", "een cafe"),
        ("  ja\t\thoor  ", "ja hoor"),
        ("<b>Suïcide</b>", "suicide"),
        ("m'n collega’s", "mn collegas"),
        ("z.s.m.", "zsm"),
        ("a\n\n\nb", "a\nb"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert parse.normalise(text) == expected


def test_strip_html_keeps_text() -> None:
    assert parse.strip_html("<ul><li>koken</li><li>wassen</li></ul>").split() == [
        "koken",
        "wassen",
    ]


def test_tokens_keep_punctuation_as_boundaries() -> None:
    assert parse.tokens("Nee, want ik ben ziek.") == ("nee", ",", "want", "ik", "ben", "ziek", ".")


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("bijstand", "bijstant", 1), ("wajong", "wajnog", 1), ("abc", "abc", 0), ("kok", "bakker", 4)],
)
def test_osa_distance(a: str, b: str, distance: int) -> None:
    assert osa_distance(a, b, 3) == min(distance, 4)


def test_allowed_typos_by_length() -> None:
    assert [allowed_typos(n) for n in (3, 4, 5, 7, 9, 10, 12)] == [0, 0, 1, 1, 1, 2, 2]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("bijstant", "bijstand"),
        ("bijstnad", "bijstand"),
        ("wajonk", "wajong"),
        ("schulde", "schulden"),
        ("fultime", "fulltime"),
        ("bijstandd", "bijstand"),
        ("bystand", "bijstand"),  # "y" for "ij"
        ("praktykonderwys", "praktijkonderwijs"),
        ("praktijkonderwjis", "praktijkonderwijs"),
        ("parctijkonderwijs", "parctijkonderwijs"),  # two typos need the first 4 letters
        ("regelingen", "regelingen"),
        ("vraag", "vraag"),  # common word, one letter from "graag": left alone
        ("werken", "werken"),  # common word
        ("wijstand", "wijstand"),  # first letter differs: no correction
        ("bus", "bus"),  # short words are never corrected
        ("xyzxyz", "xyzxyz"),
    ],
)
def test_matcher_typo_correction(typed: str, expected: str) -> None:
    matcher = PhraseMatcher(
        (w, "x", None)
        for w in [
            "bijstand",
            "wajong",
            "schulden",
            "schuld",
            "fulltime",
            "graag",
            "praktijkonderwijs",
            "rekeningen",
        ]
    )
    assert matcher.canon(typed) == expected


def test_matcher_joins_split_words() -> None:
    matcher = PhraseMatcher([("praktijkonderwijs", "PrO", None)])
    found = matcher.find_all(("ik", "zat", "op", "praktijk", "onderwijs"))
    assert [(m.label, m.start, m.end) for m in found] == [("PrO", 3, 5)]


def test_matcher_prefers_longest_phrase() -> None:
    matcher = PhraseMatcher([("geld", "inkomen", None), ("eigen geld", "zelfstandig", None)])
    assert [m.label for m in matcher.find_all(("mijn", "eigen", "geld"))] == ["zelfstandig"]
