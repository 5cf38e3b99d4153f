"""A new question is one entry in questions.yml plus its parser in bot/nlp (issue 15).

The test adds "Heb je een rijbewijs?" to a copy of the package: one questions.yml entry and one
bot/nlp module, nothing else. The copy then asks it in its place, reads the answer, says why
it asks, reads it back, keeps it in the saved state, and domain.yml gets its slot and form
entry from ``python -m bot domain``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ENTRY = """
driving_licence:
  parser: choice
  reads: licence.parse_licence
  readback: {label: "Rijbewijs"}
  ask:
    self: "Heb je een rijbewijs?"
    school: "Heeft {name} een rijbewijs?"
  buttons:
    - {title: "Ja, voor de auto", payload: "auto"}
    - {title: "Nee", payload: "geen rijbewijs"}
  why:
    self: "Met een rijbewijs kun je bij meer werkgevers werken."
    school: "Met een rijbewijs kan de leerling bij meer werkgevers werken."
"""

PARSER = '''"""Is there a driving licence? "auto", "geen", or None when the text does not say."""

import re


def parse_licence(text: str) -> str | None:
    if re.search(r"\\b(?:geen|nee|niet)\\b", text, re.IGNORECASE):
        return "geen"
    if re.search(r"\\b(?:auto|ja|rijbewijs b)\\b", text, re.IGNORECASE):
        return "auto"
    return None
'''

CHECK = r'''
import json
from bot.conversation import asking, turn
from bot.conversation.chat import Chat, Message
from bot.conversation.flow import all_form_slots, next_slot
from bot.conversation.readers import interpret
from bot.conversation.summary import readback_lines
from bot.storage.record import SAVED

before = {"respondent": "self", "name": "Sam", "age": 30, "wants_to_work": "ja",
          "benefit": "bijstand"}
for slot in all_form_slots():
    if slot in ("driving_licence", "summary_confirmed", "contact"):
        break
    before.setdefault(slot, "weet ik niet")
saves = []

class Memory:
    def save(self, record):
        saves.append(record)
        return SAVED
    def saved_state(self, sender_id):
        return None

chat = Chat("p-1", {**dict.fromkeys(turn.PERSISTED_SLOTS), **before}, Memory(),
            requested="driving_licence", in_form=True)
reply = turn.answer(chat, Message(text="ja hoor, voor de auto", intent="affirm",
                                  confidence=0.9))
print(json.dumps({
    "slots": all_form_slots(),
    "next": next_slot(before),
    "asked": [m.text for m in asking.question_messages("driving_licence", before)],
    "buttons": [b.title for m in asking.question_messages("driving_licence", before)
                for b in m.buttons],
    "why": asking.why_message("driving_licence", before).text,
    "read": interpret("driving_licence", "nee, geen rijbewijs", before).slots,
    "odd": [interpret("driving_licence", "banaan", before).accepted,
            [m.text for m in interpret("driving_licence", "banaan", before).messages]],
    "reply": reply.slots,
    "saved": saves[-1].conversation_state["slots"].get("driving_licence"),
    "readback": readback_lines({**before, "driving_licence": "auto"}),
}))
'''


def test_a_new_question_needs_one_entry_and_its_parser(tmp_path: Path) -> None:
    copy = tmp_path / "bot"
    shutil.copytree(ROOT / "bot", copy, ignore=shutil.ignore_patterns("__pycache__"))
    questions = copy / "conversation" / "questions.yml"
    text = questions.read_text(encoding="utf-8")
    # The new question goes before the contact details.
    questions.write_text(text.replace("\ncontact:\n", ENTRY + "\ncontact:\n", 1),
                         encoding="utf-8")
    (copy / "nlp" / "licence.py").write_text(PARSER, encoding="utf-8")
    domain = tmp_path / "domain.yml"
    shutil.copy(ROOT / "domain.yml", domain)
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}

    generate = [sys.executable, "-m", "bot", "domain", "--file", str(domain)]
    subprocess.run(generate, cwd=tmp_path, env=env, check=True, capture_output=True)
    written = domain.read_text(encoding="utf-8")
    assert "  driving_licence:\n    type: any" in written
    assert "      - driving_licence\n      - contact\n" in written

    run = subprocess.run([sys.executable, "-c", CHECK], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout)
    assert seen["slots"].index("driving_licence") == seen["slots"].index("contact") - 1
    assert seen["next"] == "driving_licence"
    assert seen["asked"][-1] == "Heb je een rijbewijs?"
    assert seen["buttons"] == ["Ja, voor de auto", "Nee"]
    assert seen["why"] == "Met een rijbewijs kun je bij meer werkgevers werken."
    assert seen["read"] == {"driving_licence": "geen"}
    assert seen["odd"] == [False, ["Kies een van de knoppen, of typ het in je eigen woorden."]]
    assert seen["reply"]["driving_licence"] == "auto"
    assert seen["reply"]["requested_slot"] == "contact"
    assert seen["saved"] == "auto"
    assert "• Rijbewijs: auto" in seen["readback"]


def test_every_question_entry_names_what_the_others_read() -> None:
    """The keys of a questions.yml entry point at things that exist."""
    import importlib

    from bot import codes
    from bot.conversation.catalogue import questions
    from bot.conversation.reader_kinds import READERS
    from bot.nlp import lexicon
    from bot.profile import PROFILE_FIELDS

    topics = set(codes.code_list("correction_topics"))
    words = set(lexicon.load("correction_topics")["topics"])
    for question in questions().values():
        if question.parser == "choice":
            module, _, name = str(question.reads).rpartition(".")
            assert callable(getattr(importlib.import_module(f"bot.nlp.{module}"), name))
        else:
            assert question.parser in READERS, question.slot
        if question.profile:
            assert question.profile.split(".")[0] in PROFILE_FIELDS, question.slot
        if question.topic:
            assert question.topic in topics and question.topic in words, question.slot
        if question.readback:
            assert question.readback["label"], question.slot
