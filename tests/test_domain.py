"""The Rasa files stay in step with the question catalogue and the actions."""

from __future__ import annotations

from pathlib import Path

import yaml
from rasa_sdk.executor import ActionExecutor

from bot.conversation.engine import DIGRESSION_INTENTS
from bot.conversation.flow import HELPER_SLOTS, all_form_slots

ROOT = Path(__file__).resolve().parents[1]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def registered_actions() -> set[str]:
    executor = ActionExecutor()
    executor.register_package("actions")
    return set(executor.actions)


def test_every_question_is_a_form_slot_with_a_custom_mapping() -> None:
    form = DOMAIN["forms"]["intake_form"]["required_slots"]
    assert form == all_form_slots()
    for slot in [*form, *HELPER_SLOTS]:
        assert DOMAIN["slots"][slot]["mappings"] == [{"type": "custom"}]
        assert DOMAIN["slots"][slot]["influence_conversation"] is False


def test_every_domain_action_exists_on_the_action_server() -> None:
    # Equal: the adapters' base class is abstract, so rasa-sdk registers only real actions.
    assert set(DOMAIN["actions"]) == registered_actions()
    # The validation action asks every question itself (one action server call per turn), so
    # there must be no action_ask_<slot> or utter_ask_<slot> for the form to call as well.
    for slot in all_form_slots():
        assert f"action_ask_{slot}" not in DOMAIN["actions"]
        assert f"utter_ask_{slot}" not in (DOMAIN.get("responses") or {})


def test_every_digression_intent_has_a_rule_during_the_form() -> None:
    rules = []
    for path in (ROOT / "data" / "rules").glob("*.yml"):
        rules += yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]
    in_form = {
        step["intent"]
        for rule in rules
        if {"active_loop": "intake_form"} in (rule.get("condition") or [])
        for step in rule["steps"]
        if "intent" in step
    }
    assert set(DIGRESSION_INTENTS) <= in_form
    assert set(DIGRESSION_INTENTS) <= set(DOMAIN["intents"])


def test_the_slots_and_form_of_domain_yml_are_generated_from_questions_yml() -> None:
    from bot.conversation.domain_file import render

    text = (ROOT / "domain.yml").read_text(encoding="utf-8")
    assert render(text) == text, "run `python -m bot domain`"


def test_the_domain_command_checks_and_writes(tmp_path: Path) -> None:
    from bot.cli import main

    copy = tmp_path / "domain.yml"
    text = (ROOT / "domain.yml").read_text(encoding="utf-8")
    copy.write_text(text.replace("      - age\n", ""), encoding="utf-8")
    assert main(["domain", "--check", "--file", str(copy)]) == 1
    assert main(["domain", "--file", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == text
    assert main(["domain", "--check", "--file", str(copy)]) == 0
