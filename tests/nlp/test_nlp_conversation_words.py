"""The Dutch reading the conversation uses beside the answer parsers: names, contact details,
remarks, a job beside a yes, replies to the bot itself, and how a correction is worded.

Moved here from bot/conversation with the code (issue 15): bot/conversation reads no Dutch.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.conversation.corrections import TOPICS
from bot.nlp import contact, corrections, jobs, lexicon, names, remarks, replies, rulers, sensitive
from bot.nlp.life_domains import says_not_raised, topic_domains
from bot.nlp.lists import list_items, says_nothing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik heet Lisa", "Lisa"),
        ("Mo", "Mo"),
        ("noem me maar jay", "Jay"),
        ("jan de vries", "Jan de Vries"),
        ("Marco, dat schreef ik net al", "Marco"),
        ("ik heet Sam en ik ben 19", "Sam"),
        ("sanne ik ben negenentwintig", "Sanne"),
        ("mijn mail is sam@example.nl", None),
        ("ik weet het eigenlijk niet zo goed meer", None),
    ],
)
def test_extract_name(text: str, expected: str | None) -> None:
    assert names.extract_name(text) == expected


def test_names_in_a_first_message_and_declining() -> None:
    assert names.name_in_opening("Hoi, ik ben Marco, 45") == "Marco"
    assert names.name_in_opening("ik heet sanne") == "Sanne"
    assert names.name_in_opening("ik ben werkloos") is None
    assert names.name_in_opening("ik ben hier voor werk") is None
    assert names.declines("liever niet") and names.declines("Anoniem.")
    assert not names.declines("Lisa")
    assert names.age_beside_name("Sam, 19") == "19"
    assert names.age_beside_name("ik heet Mo en ben negentien") == "negentien"
    assert names.age_beside_name("Sam") is None


def test_extract_contact_keeps_numbers_addresses_and_the_remark() -> None:
    assert contact.extract_contact("06-12345678") == "0612345678"
    assert contact.extract_contact("mijn mail is sam@example.nl") == "sam@example.nl"
    assert contact.extract_contact("+48 601 234 567") == "+48601234567"
    assert contact.extract_contact("nul zes een twee drie vier vijf zes zeven acht") == "0612345678"
    said = contact.extract_contact("0612345678, bel liever niet, dan hoort mijn vriend het")
    assert said == "0612345678 (opmerking: bel liever niet, dan hoort mijn vriend het)"
    assert contact.extract_contact("mijn nummer is 0612345678") == "0612345678"
    assert contact.extract_contact("weet ik niet") is None


def test_remarks_around_an_answer() -> None:
    assert remarks.own_words("droombaan", "mijn droombaan is kok") == "kok"
    assert remarks.own_words("skills", "zoals ik al zei, koken") == "koken"
    assert remarks.own_words("skills", "koken hoor") == "koken"
    assert remarks.only_said_already("dat zei ik al")
    assert not remarks.only_said_already("zei ik al: koken")
    assert remarks.has_words("ok") and not remarks.has_words(" ?! ")


def test_a_job_beside_a_yes() -> None:
    assert jobs.job_in("Ja graag, ik wil in de ouderenzorg werken") == "in de ouderenzorg werken"
    assert jobs.job_in("ja, ik wil kok worden") == "kok"
    assert jobs.job_in("ja, ik wil graag werken") is None
    assert jobs.job_in("ja ik wil in de toekomst werken") is None
    assert jobs.says_wants_work("hoi, ik wil graag weer aan het werk")
    assert not jobs.says_wants_work("ik weet niet of ik wil")


def test_replies_to_the_bot() -> None:
    assert replies.is_insult("wat een kutvragen") and replies.is_insult("je snapt er niks van")
    assert not replies.is_insult("ik wil graag koken")
    assert replies.care_check_reply("nee, niet echt") == "not_ok"
    assert replies.care_check_reply("ja hoor, gaat wel") == "ok"
    assert replies.care_check_reply("ik wil graag als kok werken") is None
    assert replies.asks_meaning("wat bedoel je?") and replies.asks_meaning("snap de vraag niet")
    assert not replies.asks_meaning("ik wil kok worden")
    assert replies.sounds_wrong("op tijd klopt niet, verder goed")
    assert not replies.sounds_wrong("ja, klopt")
    assert replies.nothing_to_change("nee, klopt wel") and replies.nothing_to_change("laat maar")
    assert not replies.nothing_to_change("") and not replies.nothing_to_change("de uren")
    assert replies.short_no("nee hoor") and not replies.short_no("ik wil niet meer leven")


def test_bsn_and_iban_words_go_with_the_number() -> None:
    rest = sensitive.without_bsn_words("mijn bsn is X, ik ben 19")
    assert rest.split() == ["X,", "ik", "ben", "19"]
    assert sensitive.without_iban_words("mijn rekeningnummer is X").split() == ["X"]


def test_rulers_named_together() -> None:
    named, rest = rulers.named_rulers("8, vertrouwen 5 en klaar om te beginnen 7")
    assert named == {"confidence": 5, "readiness": 7}
    assert "8" in rest and "5" not in rest


def test_list_answers_and_life_domain_topics() -> None:
    assert says_nothing("nee, nog nooit") and not says_nothing("nee maar wel stage gelopen " * 3)
    assert list_items("vakken vullen, half jaar, en koken") == ["vakken vullen, half jaar", "koken"]
    assert topic_domains("wonen") == {"wonen": None}
    assert topic_domains("het is geen ziekte") == {}
    assert says_not_raised("dat heb ik niet genoemd") and says_not_raised("mijn moeder wel")


def test_corrections_topic_and_new_value() -> None:
    assert corrections.topic_of("mijn leeftijd klopt niet") == "leeftijd"
    assert corrections.topic_of("aanpassen: uren") == "uren"
    assert corrections.topic_of("gezondheid gaat beter met hulp") == "leven"
    assert corrections.topics_in("waarom ik wil werken") == ["motivatie"]
    assert corrections.new_part("24 uur is te veel, maak er maar 16 van") == "16"
    assert corrections.new_part("niet mbo 2 maar mbo 1") == "mbo 1"
    assert corrections.new_part("havo, niet vwo") == "havo"
    assert corrections.labelled_droombaan("mijn droombaan is toch eerder bakker") == ("bakker", "")
    assert corrections.holds_value("bij het minimumloon bedoelde ik nee", "yes_no")
    assert not corrections.holds_value("klopt niet", "yes_no")
    assert corrections.own_clause("uren moet 24 zijn, en bij leven iets") == "uren moet 24 zijn"


def test_every_correction_topic_has_its_words_and_its_questions() -> None:
    # The dialogue (which questions a topic asks again) and the words (which message names
    # it) are kept in two places: the same keys, in the same order, so the buttons and the
    # reading agree.
    assert list(corrections.topic_patterns()) == list(TOPICS)


def test_word_pattern_reads_the_lexicon_notation() -> None:
    pattern = re.compile(lexicon.word_pattern(["kut*", "*geld*", "huis", "hele dag"]))
    assert pattern.search("kutvraag") and pattern.search("wisselgeld")
    assert pattern.search("een huis") and not pattern.search("huisje")
    assert pattern.search("de hele  dag")


def test_conversation_reads_no_dutch() -> None:
    # Patterns stay out of bot/conversation; glossary matches are data in glossary.yml.
    root = Path(__file__).resolve().parents[2] / "bot" / "conversation"
    compiled = {f.name: f.read_text().count("re.compile") for f in root.glob("*.py")}
    assert {name: n for name, n in compiled.items() if n} == {"catalogue.py": 1}
