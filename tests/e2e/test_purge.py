"""The retention purge on the running product: an unfinished intake past its period is gone
from our database and from Rasa's tracker store, also from the running Rasa server's memory,
and a later message from that sender starts a fresh, empty intake. A conversation still in
its period is left whole and goes on at the same question.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.e2e.stack import ROOT, Stack
from tests.e2e.test_chat_rest import COOPERATIVE, Conversation, run_script

pytestmark = pytest.mark.rasa

DAYS = 40  # past the default 30 days for transcripts and unfinished intakes


def tracker_path(stack: Stack) -> str:
    return stack.env()["TRACKER_DATABASE_URL"].removeprefix("sqlite:///")


def tracker_rows(stack: Stack, sender: str) -> int:
    with sqlite3.connect(tracker_path(stack)) as conn:
        return conn.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?",
                            (sender,)).fetchone()[0]


def make_old(stack: Stack, sender: str, days: int) -> None:
    """Pretend this person's last chat was ``days`` ago, in both databases."""
    from bot.storage import Store
    from bot.storage.models import Intake, utcnow

    moment = utcnow() - timedelta(days=days)
    store = Store(stack.env()["DATABASE_URL"], migrate=False)
    try:
        with store.transaction() as session:
            intake = session.execute(
                select(Intake).where(Intake.sender_id == sender)
            ).scalar_one()
            intake.created_at = intake.updated_at = moment
            intake.transcript.updated_at = moment
    finally:
        store.dispose()
    with sqlite3.connect(tracker_path(stack)) as conn:
        conn.execute("UPDATE events SET timestamp = timestamp - ? WHERE sender_id = ?",
                     (days * 86400, sender))


def test_purge_removes_an_old_unfinished_intake_everywhere_and_the_sender_starts_fresh(
    stack,
) -> None:
    old = Conversation(stack)
    run_script(old, COOPERATIVE[:6])  # name, age, wants to work, droombaan given; unfinished
    recent = Conversation(stack)
    run_script(recent, COOPERATIVE[:4])  # asked: "Wil je graag aan het werk?"
    recent_rows = tracker_rows(stack, recent.sender)
    assert tracker_rows(stack, old.sender) > 0 and recent_rows > 0
    make_old(stack, old.sender, DAYS)

    # The purge as cron runs it (the web app's loop calls the same function).
    out = subprocess.run([sys.executable, "-m", "bot", "purge"], cwd=ROOT, env=stack.env(),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["incomplete_intakes"] >= 1 and report["tracker_events"] >= 1

    assert stack.intake(old.sender)[0] == 404
    assert tracker_rows(stack, old.sender) == 0
    assert tracker_rows(stack, recent.sender) == recent_rows  # in its period: left whole

    # The same sender again: a new intake from the first question, nothing brought back
    # (not from our database, not from Rasa's tracker store, not from its cache).
    reply = old.say("hoi")
    assert "Wie vult de vragen in" in reply and "welkom terug" not in reply.lower()
    assert "noemen" in old.say("ik vul het zelf in")  # the name is asked again
    status, body = stack.intake(old.sender)
    assert status == 200 and body["status"] == "incomplete"
    profile = body["profile"]
    assert profile["name"] is None and profile["age"] is None and profile["droombaan"] is None

    # The conversation in its period goes on at the same question.
    assert "droombaan" in recent.say("ja heel graag").lower()
    assert stack.intake(recent.sender)[1]["profile"]["name"] == "Samira"
