"""Faults injected into the running product (one machine, SQLite): nothing is lost and the
person is told the truth. The scaled setup's faults: test_scale.py; the table: docs/faults.md.
"""

from __future__ import annotations

import pytest

from bot.conversation import catalogue as cat
from tests.e2e.stack import Stack
from tests.e2e.test_chat_rest import COOPERATIVE, Conversation, run_script, texts

pytestmark = pytest.mark.rasa


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory):
    """A stack of its own: these tests kill and restart its processes."""
    running = Stack(workdir=tmp_path_factory.mktemp("faults")).start()
    yield running
    running.stop()


def user_lines(stack: Stack, sender: str) -> list[str]:
    from bot.storage import Store

    store = Store(stack.env()["DATABASE_URL"], migrate=False)
    try:
        with store.transaction() as session:
            from bot.storage import intakes

            intake = intakes.find(session, sender)
            return [m["text"] for m in intake.transcript.messages if m["role"] == "user"]
    finally:
        store.dispose()


def test_action_server_down_mid_intake_the_person_hears_it_and_nothing_is_lost(faulty) -> None:
    conv = Conversation(faulty)
    run_script(conv, COOPERATIVE[:6])  # the next question: other work in that direction
    faulty.kill("actions")
    reply = conv.say(COOPERATIVE[6][0])
    assert reply == cat.text("outage")
    status, body = faulty.intake(conv.sender)
    assert status == 200 and "kok" in body["profile"]["droombaan"]  # the answers so far stay
    faulty.restart("actions")
    # Sent again, the answer is read as the answer to the same question, and the intake goes on.
    run_script(conv, COOPERATIVE[6:])
    closing = conv.say("ja dat klopt")
    assert "advies" in closing.lower()
    status, body = faulty.intake(conv.sender)
    assert body["status"] == "complete"
    assert body["profile"]["droombaan_alternatives"].startswith("afwassen")
    assert body["profile"]["hours_per_week"] == 24


def test_rasa_restarted_mid_intake_goes_on_at_the_same_question(faulty) -> None:
    conv = Conversation(faulty)
    run_script(conv, COOPERATIVE[:15])  # the next question: hours per week
    faulty.kill("rasa")  # a crash, not a clean stop
    faulty.restart("rasa")
    reply = conv.say(COOPERATIVE[15][0])  # "24 uur": read as the hours, not swallowed
    assert COOPERATIVE[15][1] in reply.lower() and "verder" not in reply.lower()
    run_script(conv, COOPERATIVE[16:])
    conv.say("ja dat klopt")
    status, body = faulty.intake(conv.sender)
    assert body["status"] == "complete" and body["profile"]["hours_per_week"] == 24
    # The transcript holds every line, from before and after the restart.
    said = [m for m, _ in COOPERATIVE] + ["ja dat klopt"]
    assert user_lines(faulty, conv.sender) == said
    assert texts(conv.last)
