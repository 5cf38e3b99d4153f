"""The scaled setup (``scripts/run.sh --scale 2``): two Rasa servers behind nginx, sharing
Rasa's SQL tracker store on PostgreSQL and Rasa's Redis lock store.

One person's conversation must be the same whichever server takes each message: the same
questions in the same order, every answer stored once, a complete summary; two messages of
one person at the same moment on two servers are handled one after the other; and a server
that dies in the middle of an intake loses nothing: the person goes on through the other.
"""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.stack import ScaledStack
from tests.e2e.test_chat_rest import COOPERATIVE, texts

pytestmark = [pytest.mark.rasa, pytest.mark.postgres, pytest.mark.redis, pytest.mark.scale]

CONFIRM = ("ja dat klopt", "advies")


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory):
    stack = ScaledStack(workdir=tmp_path_factory.mktemp("scaled")).start()
    yield stack
    stack.stop()


def sender() -> str:
    return f"scale-{uuid.uuid4().hex[:10]}"


def tracker_events(stack: ScaledStack, sender_id: str) -> list[dict]:
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender_id}
            ).all()
    finally:
        engine.dispose()
    return [json.loads(data) for (data,) in rows]


def user_texts(events: list[dict]) -> list[str]:
    return [e["text"] for e in events if e["event"] == "user"]


def bot_texts(replies: list[dict]) -> str:
    return texts(replies)


def run(stack: ScaledStack, sender_id: str, script, instance_of) -> list[str]:
    """Say every message of ``script``; ``instance_of(i)`` picks the server (None: nginx)."""
    answers = []
    for i, (message, expected) in enumerate(script):
        reply = bot_texts(stack.say(sender_id, message, instance_of(i)))
        assert expected.lower() in reply.lower(), (message, reply)
        answers.append(reply)
    return answers


def test_turns_alternating_between_two_servers_give_one_consistent_intake(scaled) -> None:
    script = [*COOPERATIVE, CONFIRM]
    reference, alternating = sender(), sender()
    on_one = run(scaled, reference, script, lambda i: 1)
    on_both = run(scaled, alternating, script, lambda i: 1 + i % 2)
    # The same questions in the same order, whichever server asked them.
    assert [r.replace(reference, "") for r in on_one] == [
        r.replace(alternating, "") for r in on_both
    ]

    status, body = scaled.intake(alternating)
    assert status == 200 and body["status"] == "complete"
    _, ref_body = scaled.intake(reference)
    assert body["profile"] == ref_body["profile"]
    assert body["advice"] == ref_body["advice"]
    assert "kok" in body["summary_text"]

    # Every answer stored once: once in Rasa's tracker store, once in the transcript.
    said = [message for message, _ in script]
    assert user_texts(tracker_events(scaled, alternating)) == said
    status, transcript = _transcript_lines(scaled, alternating)
    assert [line["text"] for line in transcript if line["role"] == "user"] == said


def _transcript_lines(stack: ScaledStack, sender_id: str):
    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(
                text(
                    "SELECT t.messages FROM transcripts t JOIN intakes i ON i.id = t.intake_id "
                    "WHERE i.sender_id = :s"
                ),
                {"s": sender_id},
            ).one()
    finally:
        engine.dispose()
    messages = row[0] if isinstance(row[0], list) else json.loads(row[0])
    return 200, messages


def test_two_messages_at_the_same_moment_on_two_servers_are_handled_in_turn(scaled) -> None:
    sender_id = sender()
    run(scaled, sender_id, COOPERATIVE[:8], lambda i: None)  # up to "Hoe belangrijk ...?"
    replies: dict[int, list[dict]] = {}
    start = threading.Barrier(2)

    def send(instance: int, message: str) -> None:
        start.wait()
        replies[instance] = scaled.say(sender_id, message, instance)

    threads = [
        threading.Thread(target=send, args=(1, "8")),
        threading.Thread(target=send, args=(2, "6")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert set(replies) == {1, 2}

    events = tracker_events(scaled, sender_id)
    users = [i for i, e in enumerate(events) if e["event"] == "user"]
    first, second = users[-2], users[-1]
    # One after the other: the first message was answered and the bot listened again
    # before the second one was read.
    between = events[first + 1 : second]
    assert any(e["event"] == "bot" for e in between)
    assert between[-1]["event"] == "action" and between[-1]["name"] == "action_listen"
    assert all(e["event"] != "user" for e in between)
    # Each answer stored once, under consecutive questions, in the order they were handled.
    order = [events[first]["text"], events[second]["text"]]
    assert sorted(order) == ["6", "8"]
    _, body = scaled.intake(sender_id)
    motivation = body["profile"]["motivation"]
    assert [motivation["importance"], motivation["confidence"]] == [int(v) for v in order]


def test_a_server_killed_in_the_middle_of_an_intake_loses_nothing(scaled) -> None:
    sender_id = sender()
    script = [*COOPERATIVE, CONFIRM]
    half = len(script) // 2
    run(scaled, sender_id, script[:half], lambda i: 1 + i % 2)
    scaled.kill("rasa-1")
    # The person goes on through nginx, which now only reaches the second server.
    run(scaled, sender_id, script[half:], lambda i: None)
    status, body = scaled.intake(sender_id)
    assert status == 200 and body["status"] == "complete"
    assert body["profile"]["hours_per_week"] == 24 and body["advice"]["route"] == "jobcoaching"
    assert user_texts(tracker_events(scaled, sender_id)) == [m for m, _ in script]
