"""The conversation engine without Rasa: questions, answers, digressions, corrections, the end."""

from __future__ import annotations

import pytest

from bot.conversation import asking, closing, engine, safety
from bot.conversation.catalogue import SKIPPED, UNKNOWN
from bot.conversation.flow import all_form_slots, progress, required_slots


def answer_all(script: list[str], values: dict | None = None) -> dict:
    values = dict(values or {})
    for text in script:
        slot = asking.upcoming_slot(values)
        assert slot is not None, f"no question left for {text!r}"
        result = engine.handle_answer(slot, text, values)
        assert result.accepted, (slot, text, [m.text for m in result.messages])
        values.update(result.slots)
    return values


SELF_SCRIPT = [
    "voor mezelf",
    "Mo",
    "19",
    "ja",
    "iets met auto's, monteur",
    "in een garage helpen",
    "geld verdienen en iets leren",
    "9",
    "7",
    "8",
    "vmbo basis",
    "nog nooit gewerkt",
    "sleutelen aan brommers",
    "dat gaat goed",
    "32 uur",
    "meteen",
    "ja",
    "geen hulp nodig",
    "nee hoor alles goed",
    "nee",
    "geen uitkering",
    "mo@example.com",
]


def test_a_self_intake_asks_each_question_once_and_ends_at_the_readback() -> None:
    values = answer_all(SELF_SCRIPT)
    assert asking.upcoming_slot(values) == "summary_confirmed"
    assert values["hours_per_week"] == 32
    assert values["work_values"]  # taken from the motivation answer: not asked again
    assert values["work_experience"] == []
    assert values["life_domains_mentioned"] == []
    assert "severe_mental_illness" not in required_slots(values)  # only after GGZ "ja"
    messages = asking.question_messages("summary_confirmed", values)
    assert "Mo" in messages[0].text and "32 uur" in messages[0].text
    assert messages[-1].text == "Klopt dit?"


def test_school_mode_adds_school_questions_and_speaks_about_the_pupil() -> None:
    values = answer_all(["ik ben mentor van een leerling", "Het Zuidercollege", "PrO", "Noor"])
    assert values["education"] == "PrO"  # the pupil's education is the school
    assert "uitstroomprofiel" not in required_slots(values)  # only for VSO
    text = asking.question_messages(asking.upcoming_slot(values), values)[0].text
    assert "Noor" in text
    assert "education" not in [s for s in required_slots(values) if values.get(s) is None]


def test_a_school_name_that_says_the_kind_of_school_settles_that_question() -> None:
    values = answer_all(["ik ben van school", "VSO de Brug"])
    assert values["school_type"] == "VSO" and values["school_name"] == "VSO de Brug"
    assert asking.upcoming_slot(values) == "uitstroomprofiel"


def test_restating_the_answer_with_zei_ik_al_is_an_answer_not_a_correction() -> None:
    values = answer_all(["ik ben van school", "De Rietlanden"])
    result = engine.handle_answer("school_type", "vso zei ik al", values)
    assert result.accepted and result.slots["school_type"] == "VSO"


def test_english_with_an_ok_in_it_is_no_yes() -> None:
    text = "I don't speak dutch very well, is english ok?"
    assert engine.is_digression("other_language", 1.0, text, "wants_to_work")
    assert not engine.is_digression("other_language", 1.0, "ok", "wants_to_work")


def test_only_raised_life_domains_get_a_follow_up() -> None:
    values = answer_all(SELF_SCRIPT[:18])
    result = engine.handle_answer("life_domains_open", "ik heb schulden en ruzie thuis", values)
    values.update(result.slots)
    follow_ups = [s for s in required_slots(values) if s.startswith("ld_")]
    assert follow_ups == ["ld_financien", "ld_thuis"]
    question = asking.question_messages("ld_financien", values)[0]
    assert "geld" in question.text and len(question.buttons) == 5


def test_unclear_life_answer_asks_once_which_area() -> None:
    values = answer_all(SELF_SCRIPT[:18])
    first = engine.handle_answer("life_domains_open", "ja er speelt wel wat", values)
    assert not first.accepted
    values.update(first.slots)
    ask = asking.question_messages("life_domains_open", values)[0]
    assert "Waar gaat het vooral over" in ask.text and any(b.title == "Wonen" for b in ask.buttons)
    second = engine.handle_answer("life_domains_open", "wonen", values)
    values.update(second.slots)
    assert "wonen" in values["life_domains_mentioned"]
    assert "ja er speelt wel wat" in values["life_domains_open"]  # their first words kept


@pytest.mark.parametrize(
    ("slot", "text", "hint"),
    [
        ("age", "200", "leeftijd"),
        ("hours_per_week", "100 uur", "werkweek"),
        ("importance", "banaan", "0 tot 10"),
        ("contact", "bel me maar", "telefoonnummer"),
        ("droombaan", "🙈🙈", "emoji"),
        ("droombaan", "", "geen tekst"),
    ],
)
def test_bad_answers_get_a_kind_hint_and_nothing_is_stored(slot: str, text: str, hint: str) -> None:
    values = {"respondent": "self", "age": 30}
    result = engine.handle_answer(slot, text, values)
    assert not result.accepted
    assert result.slots.get(slot) is None
    assert hint in " ".join(m.text for m in result.messages).lower()
    assert result.slots.get("age", 30) == 30


def test_dont_know_and_skip_are_recorded_and_the_intake_goes_on() -> None:
    values = {"respondent": "self"}
    assert engine.handle_answer("droombaan", "geen idee", values).slots["droombaan"] == UNKNOWN
    assert (
        engine.handle_answer("in_ggz_treatment", "zeg ik liever niet", values).slots[
            "in_ggz_treatment"
        ]
        == SKIPPED
    )
    # the summary question itself cannot be skipped
    assert not engine.handle_answer("respondent", "geen idee", values).accepted


def test_free_text_is_kept_verbatim_and_other_answers_are_picked_up() -> None:
    result = engine.handle_answer("droombaan", "Kapper worden!! en ik kan 20 uur per week", {})
    assert result.slots["droombaan"] == "Kapper worden!! en ik kan 20 uur per week"
    assert result.slots["hours_per_week"] == 20
    assert any("20 uur" in m.text for m in result.messages)


def test_crisis_words_are_a_digression_whatever_the_classifier_said() -> None:
    assert engine.is_digression("inform", 0.99, "ik wil niet meer leven", "droombaan")
    assert safety.crisis_signals("mijn vriend slaat me") == ["violence"]


def test_a_clean_answer_is_not_a_digression_even_with_an_odd_intent() -> None:
    assert not engine.is_digression("chitchat", 0.9, "7", "importance")
    assert engine.is_digression("ask_why", 0.9, "waarom wil je dat weten?", "importance")
    assert not engine.is_digression(
        "ask_why", 0.3, "waarom niet kok", "droombaan"
    )  # low confidence


def test_why_answers_per_question_and_per_respondent() -> None:
    self_why = asking.why_message("benefit", {"respondent": "self"}).text
    school_why = asking.why_message("benefit", {"respondent": "school"}).text
    assert "uitkering" in self_why and self_why != school_why
    assert asking.why_message(None, {}).text  # outside the form a general reason


def test_every_question_has_a_reason_for_both_respondents() -> None:
    for slot in all_form_slots():
        for respondent in ("self", "school"):
            assert asking.why_message(slot, {"respondent": respondent}).text.strip()
            assert asking.question_messages(slot, {"respondent": respondent, "name": "Sam"})[0].text


def test_readback_correction_by_topic_and_value() -> None:
    values = answer_all(SELF_SCRIPT)
    no = engine.handle_answer("summary_confirmed", "nee", values)
    values.update(no.slots)
    assert values["correction_requested"] is True
    topics = asking.question_messages("summary_confirmed", values)[0]
    assert topics.text == "Wat wil je aanpassen?" and any(b.title == "Uren" for b in topics.buttons)
    fix = engine.handle_answer("summary_confirmed", "aanpassen: droombaan", values)
    values.update(fix.slots)
    assert values["droombaan"] is None and asking.upcoming_slot(values) == "droombaan"
    values = answer_all(["kok"], values)
    assert asking.upcoming_slot(values) == "summary_confirmed"


def test_correction_with_old_and_new_number_changes_the_right_answer() -> None:
    values = answer_all(SELF_SCRIPT[:5])
    result = engine.handle_correction("sorry ik ben 20, niet 19", values)
    assert result.slots["age"] == 20
    assert "wants_to_work" not in result.slots


def test_finish_gives_advice_with_reason_and_a_coach_summary() -> None:
    values = answer_all(SELF_SCRIPT)
    values["summary_confirmed"] = True
    outcome = closing.finish(values)
    assert outcome.advice["route"] == "regulier"  # can earn the minimum wage alone, no support
    text = " ".join(m.text for m in outcome.messages)
    assert "advies" in text and "Waarom?" in text and "klantbegeleider" in text
    assert "Mo (19)" in outcome.summary_text and "monteur" in outcome.summary_text


def test_progress_counts_questions() -> None:
    position, total = progress(answer_all(SELF_SCRIPT[:3]))
    assert position == 4 and 20 <= total <= 26


def test_a_model_only_crisis_on_a_clean_button_answer_is_the_answer() -> None:
    # DIET once heard "crisis" in "voor mezelf"; the keyword detector did not. The answer wins.
    assert not engine.is_digression("crisis", 0.92, "voor mezelf", "respondent")
    # In a free answer the answer is kept too, and the person gets a gentle check with the
    # numbers at once; a message that answers nothing gets the full crisis answer.
    assert not engine.is_digression("crisis", 0.92, "het gaat echt niet meer met me", "droombaan")
    assert safety.care_check_needed("crisis", 0.92, "het gaat echt niet meer met me")
    assert "113" in safety.care_check_message().text
    assert safety.care_check_message().buttons[0].payload == "/crisis"
    assert engine.is_digression("crisis", 0.92, "het gaat echt niet meer met me", "age")
    # Crisis words never need the classifier, and never get only the gentle check.
    assert not safety.care_check_needed("inform", 0.2, "ik wil dood")
    assert not safety.care_check_needed("crisis", 1.0, "ik wil dood")


@pytest.mark.parametrize(
    ("intent", "text", "slot"),
    [
        ("pause_intake", "ik ben altijd op tijd", "employee_skills"),
        ("pause_intake", "ik ben altijd op tijd", "skills"),
        ("request_human", "iemand die met me meedenkt", "support_needs"),
        ("correct", "mijn droombaan is kapper", "droombaan"),
        ("goodbye", "maandag tot vrijdag", "hours_per_week"),
        ("restart_intake", "ik wil graag in een winkel staan", "droombaan"),
    ],
)
def test_an_interrupting_intent_without_its_words_does_not_take_an_answer(
    intent: str, text: str, slot: str
) -> None:
    assert not engine.is_digression(intent, 0.95, text, slot)


@pytest.mark.parametrize(
    ("intent", "text", "slot"),
    [
        ("pause_intake", "ik wil even stoppen", "droombaan"),
        ("pause_intake", "ik heb geen zin meer in die vragen", "skills"),
        ("pause_intake", "kunnen we later verder gaan", "work_experience"),
        ("request_human", "ik wil liever met een mens praten", "motivation_text"),
        ("correct", "ik bedoel 20 uur", "support_needs"),
        ("restart_intake", "ik wil opnieuw beginnen", "droombaan"),
        ("goodbye", "doei", "droombaan"),
        ("crisis", "/crisis", "droombaan"),
    ],
)
def test_an_interrupting_intent_with_its_words_interrupts(
    intent: str, text: str, slot: str
) -> None:
    assert engine.is_digression(intent, 0.95, text, slot)


@pytest.mark.parametrize(
    "text", ["wat is dat?", "geen idee wat is dat", "huh?", "snap de vraag niet"]
)
def test_a_question_about_the_question_gets_an_explanation_not_a_dont_know(text: str) -> None:
    result = engine.handle_answer("can_earn_minimum_wage_alone", text, {"respondent": "self"})
    assert not result.accepted and "can_earn_minimum_wage_alone" not in result.slots
    assert "laagste loon" in result.messages[0].text


def test_a_real_answer_that_mentions_not_understanding_is_still_an_answer() -> None:
    result = engine.handle_answer("motivation_text", "ik snap niet waarom ik moet werken", {})
    assert result.accepted and result.slots["motivation_text"].startswith("ik snap niet")


def test_info_about_the_current_question_when_no_topic_is_named() -> None:
    assert "EPA" in asking.info_message("wat is dat", {}, "severe_mental_illness").text
    assert "jobcoach helpt" in asking.info_message("wat doet een jobcoach", {}, "age").text


@pytest.mark.parametrize(
    ("text", "name"),
    [("noem me maar Kev", "Kev"), ("ik heet jan de vries", "Jan de Vries"), ("Samira!", "Samira")],
)
def test_names_are_read_from_how_people_say_them(text: str, name: str) -> None:
    assert engine.handle_answer("name", text, {}).slots["name"] == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hoi, ik ben Marco, ik zit in de bijstand en wil graag werken",
            {"name": "Marco", "benefit": "bijstand", "wants_to_work": "ja"},
        ),
        ("hallo ik heet sanne en ik ben 19", {"name": "Sanne", "age": 19}),
        ("ik ben van school en wil een leerling aanmelden", {"respondent": "school"}),
        ("hoi", {}),
        ("ik ben werkloos", {}),  # not a name
        ("ik wil niet werken maar het moet van de gemeente", {}),
        ("ik wil dood", {}),  # a crisis is answered first, nothing is noted
    ],
)
def test_answers_in_the_first_message_are_kept(text: str, expected: dict) -> None:
    result = engine.opening_answers(text)
    assert result.slots == expected
    if expected and set(expected) != {"respondent"}:
        assert "Die vragen sla ik over" in result.messages[0].text


def test_a_name_after_the_name_question_keeps_only_the_name() -> None:
    result = engine.handle_answer("name", "Marco, dat schreef ik net al", {"respondent": "self"})
    assert result.slots["name"] == "Marco"


@pytest.mark.parametrize(
    ("slot", "text"),
    [
        ("severe_mental_illness", "wat betekent EPA precies?"),
        ("benefit", "wat is het verschil tussen WIA en Wajong?"),
        ("work_experience", "telt uitzendwerk ook?"),
        ("hours_per_week", "hoeveel verdien je eigenlijk bij 24 uur?"),
    ],
)
def test_a_question_back_is_answered_and_never_stored(slot: str, text: str) -> None:
    assert not engine.is_digression("inform", 0.9, text, slot)  # read by the answer reader...
    result = engine.handle_answer(slot, text, {"respondent": "self"})
    assert not result.accepted and slot not in result.slots  # ...which explains, stores nothing
    assert result.messages and result.messages[0].text
    # With a question intent it is a digression even for a closed question.
    assert engine.is_digression("ask_info", 0.9, text, slot)


def test_a_correction_of_another_answer_while_a_question_is_open() -> None:
    values = {"respondent": "self", "hours_per_week": 20, "last_answered_slot": "start_moment"}
    text = "ik bedoel 24 uur, niet 20"
    result = engine.handle_answer("can_earn_minimum_wage_alone", text, values)
    assert result.slots["hours_per_week"] == 24
    assert "can_earn_minimum_wage_alone" not in result.slots  # the "niet" is no "nee"
    result = engine.handle_answer("benefit", "ik bedoel twintig uur", values)
    assert result.slots["hours_per_week"] == 20


def test_the_readback_button_to_change_something_opens_the_menu() -> None:
    values = {"respondent": "self", "contact": "0612345678", "last_answered_slot": "contact"}
    text = "nee, ik wil iets aanpassen"
    assert not engine.is_digression("correct", 0.95, text, "summary_confirmed")
    result = engine.handle_answer("summary_confirmed", text, values)
    assert result.slots == {"correction_requested": True}  # the topic menu, contact kept


def test_the_readback_is_not_confirmed_by_a_message_that_says_something_is_wrong() -> None:
    values = {"respondent": "self", "employee_skills": "goed", "hours_per_week": 32}
    text = "Op tijd en afspraken is ook fout. Op tijd gaat goed, alleen collega's is soms lastig."
    result = engine.handle_answer("summary_confirmed", text, values)
    assert not result.accepted and result.slots.get("summary_confirmed") is not True
    assert engine.handle_answer("summary_confirmed", "ja, alles goed", values).accepted


def test_a_correction_in_two_sentences_changes_both_answers() -> None:
    values = {"respondent": "self", "hours_per_week": 32, "education": "hbo"}
    text = "Uren per week moet 16 zijn, niet 32. Opleiding: havo"
    result = engine.handle_answer("summary_confirmed", text, values)
    assert result.slots["hours_per_week"] == 16 and result.slots["education"] == "havo"


def test_after_the_intake_a_vague_change_request_shows_the_topics() -> None:
    values = {
        "respondent": "self",
        "contact": "0612345678",
        "last_answered_slot": "contact",
        "intake_status": "complete",
    }
    result = engine.handle_correction("ik wil nog iets aanpassen", values)
    assert result.slots["correction_requested"] is True and "contact" not in result.slots


def test_a_first_name_at_the_who_question_means_the_person_themself() -> None:
    result = engine.handle_answer("respondent", "Jasper", {})
    assert result.slots["respondent"] == "self" and result.slots["name"] == "Jasper"
    assert engine.handle_answer("respondent", "ikke", {}).slots["respondent"] == "self"


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("mijn vriend wordt boos en dan slaat hij me. ik durf niet naar huis", "thuis"),
        ("ik wil niet meer leven", "psychisch"),
        ("ik moet vannacht op straat slapen", "wonen"),
    ],
)
def test_danger_told_as_the_life_answer_is_kept_as_an_acute_domain(text: str, domain: str) -> None:
    result = engine.handle_answer("life_domains_open", text, {"respondent": "self"})
    assert result.accepted
    assert domain in result.slots["life_domains_mentioned"]
    assert result.slots[f"ld_{domain}"] == 1
    assert not any("Fijn" in m.text for m in result.messages)


def test_a_long_answer_with_niet_in_it_is_no_all_fine() -> None:
    text = "Sociale contacten en slaap. Die staan niet tussen de knoppen."
    result = engine.handle_answer("life_domains_open", text, {"respondent": "self"})
    assert result.slots.get("life_domains_mentioned") == ["netwerk"]
    assert not any("Fijn" in m.text for m in result.messages)


def test_readback_with_klopt_ook_niet_is_no_confirmation() -> None:
    text = "opleiding klopt ook niet helemaal, mbo 2 heb ik niet afgemaakt. alleen mavo diploma"
    result = engine.handle_answer("summary_confirmed", text, {"education": "mbo2"})
    assert result.slots.get("summary_confirmed") is not True
    assert result.slots.get("education") == "vmbo"


def test_a_number_of_years_worked_is_no_age_correction() -> None:
    values = {"respondent": "self", "age": 52}
    text = "zei ik toch, 25 jaar inkoper bij een bouwbedrijf"
    result = engine.handle_answer("work_experience", text, values)
    assert "age" not in result.slots
    assert result.slots["work_experience"] == ["25 jaar inkoper bij een bouwbedrijf"]


def test_a_labelled_droombaan_keeps_only_the_words_after_the_label() -> None:
    text = "nee ik ben 52! ik heb 25 jaar gewerkt. droombaan: iets met hout, meubelmaker ofzo"
    result = engine.handle_answer("droombaan", text, {"respondent": "self", "age": 52})
    assert result.slots["droombaan"] == "iets met hout, meubelmaker"


def test_an_explicit_yes_or_no_corrects_an_earlier_closed_answer() -> None:
    values = {"respondent": "self", "can_earn_minimum_wage_alone": True}
    text = "Bij de vraag over het minimumloon bedoelde ik nee, niet ja."
    result = engine.handle_answer("benefit", text, values)
    assert result.slots["can_earn_minimum_wage_alone"] is False
    assert "benefit" not in result.slots


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Het tempo kan ik aan. Maar ik heb een rustige plek nodig. Dus: nee.", False),
        ("denk t nie", False),
        ("kortom: ja, dat lukt", True),
    ],
)
def test_a_yes_or_no_in_the_conclusion_counts(text: str, expected: bool) -> None:
    result = engine.handle_answer("can_earn_minimum_wage_alone", text, {"respondent": "self"})
    assert result.slots["can_earn_minimum_wage_alone"] is expected


def test_name_and_age_in_one_message_are_both_kept() -> None:
    result = engine.handle_answer("name", "Ik ben Sandra, 45 jaar", {"respondent": "self"})
    assert result.slots["name"] == "Sandra" and result.slots["age"] == 45
    values = {"respondent": "self", **result.slots}
    assert asking.upcoming_slot(values) != "age"


def test_a_job_named_beside_yes_is_the_droombaan() -> None:
    text = "ja heel graag, ik wil in de ouderenzorg werken, als helpende of verzorgende"
    result = engine.handle_answer("wants_to_work", text, {"respondent": "self"})
    assert result.slots["wants_to_work"] == "ja"
    assert result.slots["droombaan"].startswith("in de ouderenzorg werken")
    plain = engine.handle_answer("wants_to_work", "ja ik wil in de toekomst werken", {})
    assert "droombaan" not in plain.slots


@pytest.mark.parametrize("slot", ["work_experience", "importance", "droombaan"])
def test_a_bsn_is_refused_kindly_and_never_stored(slot: str) -> None:
    result = engine.handle_answer(slot, "mijn bsn is 111222333", {"respondent": "self"})
    assert not result.slots
    assert "BSN" in result.messages[0].text
    with_answer = engine.handle_answer("age", "23, bsn 111222333", {"respondent": "self"})
    assert with_answer.slots["age"] == 23


def test_not_understanding_the_question_is_no_answer() -> None:
    result = engine.handle_answer("droombaan_alternatives", "ik begrijp niet vraag", {})
    assert not result.slots and result.messages


@pytest.mark.parametrize("text", ["niks, het is goed zo", "ja, dit klopt", "laat maar", "nee niks"])
def test_nothing_to_change_in_the_menu_confirms(text: str) -> None:
    result = engine.handle_answer("summary_confirmed", text, {"correction_requested": True})
    assert result.slots["summary_confirmed"] is True


def test_a_new_droombaan_said_with_its_label_is_stored_at_once() -> None:
    values = answer_all(SELF_SCRIPT[:8])
    text = "mijn droombaan is toch eerder bakker"
    result = engine.handle_answer("summary_confirmed", text, values)
    assert result.slots["droombaan"] == "bakker"


def test_two_topics_that_are_wrong_are_both_asked_again() -> None:
    values = answer_all(SELF_SCRIPT[:12])
    text = "nee dat ander werk en waarom ik wil werken klopt niet"
    result = engine.handle_answer("summary_confirmed", text, values)
    assert {"droombaan_alternatives", "motivation_text"} <= {
        k for k, v in result.slots.items() if v is None
    }
    assert "wants_to_work" not in result.slots


def test_a_topic_at_the_read_back_is_no_why_question() -> None:
    assert not engine.is_digression("ask_why", 0.9, "waarom werken klopt niet", "summary_confirmed")
    assert engine.is_digression("ask_why", 0.9, "waarom vraag je dit?", "summary_confirmed")


def test_asking_halfway_to_change_something_says_how_and_goes_on() -> None:
    result = engine.handle_correction(
        "kan ik iets terug veranderen?", {"intake_status": "in_progress"}
    )
    assert "correction_requested" not in result.slots
    assert "Typ wat er anders moet" in result.messages[0].text


def test_how_long_a_job_lasted_stays_with_the_job() -> None:
    text = "stage bij een garage, 3 maanden, en vrijwilligerswerk bij de voetbalclub"
    result = engine.handle_answer("work_experience", text, {"respondent": "self"})
    assert result.slots["work_experience"] == [
        "stage bij een garage, 3 maanden",
        "vrijwilligerswerk bij de voetbalclub",
    ]


def test_no_contact_details_means_the_person_is_told_to_call() -> None:
    values = answer_all(SELF_SCRIPT)
    values["contact"] = SKIPPED
    texts = " ".join(m.text for m in closing.finish(values).messages)
    assert "Bel daarom zelf" in texts


def test_ips_is_mentioned_when_only_an_unknown_answer_stands_in_the_way() -> None:
    values = answer_all(SELF_SCRIPT)
    values.update(in_ggz_treatment=True, severe_mental_illness=UNKNOWN)
    outcome = closing.finish(values)
    assert outcome.advice["route"] != "ips"  # EPA unknown: assumed not, so no IPS route
    assert any("kan IPS ook passen" in m.text for m in outcome.messages)


def test_a_follow_up_on_an_area_not_raised_is_dropped_with_a_sorry() -> None:
    values = {"respondent": "self", "life_domains_open": "x",
              "life_domains_mentioned": ["gezondheid", "psychisch"], "life_domains_clarify": False}
    result = engine.handle_answer("ld_gezondheid", "Dat heb ik niet genoemd.", values)
    assert result.accepted and result.slots["life_domains_mentioned"] == ["psychisch"]
    assert "Sorry" in result.messages[0].text


def test_a_correction_reads_the_value_from_its_own_clause() -> None:
    values = answer_all(SELF_SCRIPT)
    text = "Twee dingen: uren moet 24 zijn (na school), en bij leven mist thuis: het is onrustig."
    result = engine.handle_answer("summary_confirmed", text, values)
    assert result.slots["hours_per_week"] == 24
    assert "life_domains_open" in result.slots and result.slots["life_domains_open"] is None


def test_only_saying_it_was_said_already_asks_to_type_it_again() -> None:
    result = engine.handle_answer("motivation_text", "dat zei ik al", {"respondent": "self"})
    assert not result.slots and "nog één keer" in result.messages[0].text


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [("henk. vijfenvijftig", "Henk", 55), ("ik ben fatma en ben 42 jr", "Fatma", 42)],
)
def test_an_age_beside_the_name_is_kept(text: str, name: str, age: int) -> None:
    result = engine.handle_answer("name", text, {"respondent": "self"})
    assert result.slots["name"] == name and result.slots["age"] == age


def test_spoken_phone_digits_are_a_number() -> None:
    result = engine.handle_answer(
        "contact", "nul zes een twee drie vier vijf zes zeven acht", {"respondent": "self"}
    )
    assert result.slots["contact"] == "0612345678"


def test_a_fact_team_named_along_the_way_answers_the_ggz_question() -> None:
    text = "ik heb psychoses gehad, ik zit bij het fact team"
    result = engine.handle_answer("life_domains_open", text, {"respondent": "self"})
    assert result.slots["in_ggz_treatment"] is True
    work = engine.handle_answer("work_experience", "ik werk bij de ggz als schoonmaker", {})
    assert "in_ggz_treatment" not in work.slots


def test_three_rulers_in_one_message_are_all_kept() -> None:
    result = engine.handle_answer(
        "importance", "8, vertrouwen 5 en klaar om te beginnen 7", {"respondent": "self"}
    )
    assert (result.slots["importance"], result.slots["confidence"], result.slots["readiness"]) == (
        8, 5, 7,
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [("mijn naam Abdi. ik 41 jaar", "Abdi"), ("sanne ik ben negenentwintig", "Sanne")],
)
def test_a_name_stops_where_the_sentence_goes_on(text: str, name: str) -> None:
    result = engine.handle_answer("name", text, {"respondent": "self"})
    assert result.slots["name"] == name and result.slots["age"] in (41, 29)


def test_a_correction_of_the_answer_before_at_the_next_question() -> None:
    values = {"respondent": "self", "hours_per_week": 32, "last_answered_slot": "hours_per_week"}
    text = "oh nee sorry dat is te veel met mijn knie, maak er maar zestien van"
    result = engine.handle_answer("start_moment", text, values)
    assert result.slots["hours_per_week"] == 16 and "start_moment" not in result.slots


def test_a_long_story_after_the_end_changes_nothing_it_does_not_name() -> None:
    values = answer_all(SELF_SCRIPT)
    values["intake_status"] = "complete"
    text = (
        "ik wil toch iets veranderen: ik twijfel eigenlijk of ik wel wil werken, "
        "ik heb lang gewerkt als schoonmaakster en dat was zwaar"
    )
    result = engine.handle_correction(text, values)
    assert "work_experience" not in result.slots


def test_school_staff_hear_the_route_in_plain_words_about_the_pupil() -> None:
    values = answer_all(SELF_SCRIPT)
    values.update(respondent="school", school_name="De Rietlanden", school_type="PrO",
                  name="Noor", can_earn_minimum_wage_alone=False)
    outcome = closing.finish(values)
    texts = " ".join(m.text for m in outcome.messages)
    assert outcome.advice["route"] == "jobcoaching"
    assert "Noor" in texts and "na school werk te vinden" in texts
    assert "Voorbespreking" not in texts and "warme overdracht" not in texts


def test_an_eviction_threat_is_housing_trouble_not_a_night_outside() -> None:
    text = "ik word bijna uit huis gezet, huurachterstand van 4 maanden"
    assert safety.crisis_signals(text) == []
    result = engine.handle_answer("life_domains_open", text, {"respondent": "self"})
    assert "wonen" in result.slots["life_domains_mentioned"]


def test_two_corrections_in_one_sentence_at_the_read_back() -> None:
    values = answer_all(SELF_SCRIPT)
    text = "nee, mijn droombaan is eigenlijk nagelstyliste en ik ben 29 geworden vorige week"
    result = engine.handle_answer("summary_confirmed", text, values)
    assert result.slots["droombaan"] == "nagelstyliste" and result.slots["age"] == 29


def test_make_it_sixteen_after_the_advice() -> None:
    values = answer_all(SELF_SCRIPT)
    values["intake_status"] = "complete"
    text = "oh wacht, 24 uur is toch te veel met mn reuma, maak er maar 16 van"
    assert engine.handle_correction(text, values).slots["hours_per_week"] == 16
