"""Faults injected into the running product (one machine, SQLite): nothing is lost and the
person is told the truth. The scaled setup's faults: test_scale.py; the table: docs/faults.md.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from pathlib import Path

import pytest

from bot.conversation import catalogue as cat
from tests.e2e.stack import Stack, http
from tests.e2e.test_chat_rest import COOPERATIVE, Conversation, run_script, texts
from tests.faultproxy import FaultProxy

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


def _wait_until(check, seconds: float = 60):  # noqa: ANN001, ANN202
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"not within {seconds} s")


def _chattr(flag: str, paths: list[Path]) -> None:
    for path in paths:
        if path.exists():
            subprocess.run(["chattr", flag, str(path)], check=True)


def test_sqlite_file_made_immutable_mid_intake_nothing_dies_and_nothing_is_lost(faulty) -> None:
    conv = Conversation(faulty)
    run_script(conv, COOPERATIVE[:10])
    database = Path(faulty.env()["DATABASE_URL"].removeprefix("sqlite:///"))
    files = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
    if subprocess.run(["chattr", "+i", str(database)], capture_output=True).returncode:
        pytest.skip("chattr +i is not possible on this file system")
    try:
        _chattr("+i", files)
        # The person goes on (Rasa keeps the conversation); the saves wait in the outbox.
        run_script(conv, COOPERATIVE[10:13])
        for name in ("actions", "web", "rasa"):
            assert faulty.named[name].poll() is None, f"{name} died"
        status, body = http("GET", f"{faulty.web_url}/api/health")
        assert status == 503 and body["pending_saves"] >= 1
        assert "Traceback" not in (faulty.workdir / "actions.log").read_text(errors="replace")
    finally:
        _chattr("-i", files)
    # Writable again: the waiting save is written by itself, then the intake goes on.
    _wait_until(lambda: faulty.intake(conv.sender)[1]["profile"].get("education") == "PrO")
    run_script(conv, COOPERATIVE[13:])
    conv.say("ja dat klopt")
    status, body = faulty.intake(conv.sender)
    assert body["status"] == "complete" and body["profile"]["work_experience"]
    assert http("GET", f"{faulty.web_url}/api/health")[1] == {"status": "ok"}


@pytest.fixture
def behind_proxy(tmp_path: Path):
    """A stack whose database is PostgreSQL behind a proxy that a test can cut."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from tests.e2e.stack import PG_ADMIN_URL

    name = f"intake_fault_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_ADMIN_URL)
    proxy = FaultProxy(url.host or "127.0.0.1", url.port or 5432).up()
    database_url = url.set(port=proxy.port, database=name).render_as_string(False)
    stack = Stack(workdir=tmp_path, extra_env={
        "DATABASE_URL": database_url, "INTAKE_OUTBOX_SECONDS": "1",
    }).start()
    yield stack, proxy
    stack.stop()
    proxy.down()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_postgres_down_at_the_final_yes_the_person_is_told_and_the_intake_arrives_later(
    behind_proxy,
) -> None:
    stack, proxy = behind_proxy
    conv = Conversation(stack)
    run_script(conv, COOPERATIVE)
    proxy.down()
    closing = conv.say("ja dat klopt")
    assert "advies" in closing.lower()
    assert cat.text("save_queued", "self") in closing  # not "klaar" without a word
    status, body = http("GET", f"{stack.web_url}/api/health")
    assert status == 503 and body["pending_saves"] == 1
    proxy.up()
    # Written by the action server on its own, without another message from the person.
    _wait_until(lambda: stack.intake(conv.sender)[1].get("status") == "complete")
    status, body = stack.intake(conv.sender)
    assert body["advice"]["route"] == "jobcoaching" and "kok" in body["summary_text"]
    assert http("GET", f"{stack.web_url}/api/health")[1] == {"status": "ok"}
    assert "written to the database after a disturbance" in (
        stack.workdir / "actions.log"
    ).read_text(errors="replace")


def _tracker_user_events(stack: Stack, sender: str) -> list[dict]:
    import json

    from sqlalchemy import create_engine, text

    engine = create_engine(stack.env()["TRACKER_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"),
                                {"s": sender}).scalars().all()
    finally:
        engine.dispose()
    return [json.loads(r) for r in rows]


@pytest.mark.parametrize("gap", [0.05, 0.0], ids=["one-after-the-other", "at-the-same-moment"])
def test_two_messages_of_one_person_at_once_are_handled_in_turn(faulty, gap: float) -> None:
    import threading

    for _ in range(5):  # several pairs: an ordering fault shows up in some of them
        conv = Conversation(faulty)
        run_script(conv, COOPERATIVE[:8])  # next: "Hoe belangrijk is werk?" (a ruler)
        replies: dict[str, str] = {}

        def send(sender: str, out: dict[str, str], message: str, delay: float) -> None:
            time.sleep(delay)
            out[message] = texts(faulty.say(sender, message))

        threads = [threading.Thread(target=send, args=(conv.sender, replies, "8", 0.0)),
                   threading.Thread(target=send, args=(conv.sender, replies, "6", gap))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert set(replies) == {"8", "6"}
        events = _tracker_user_events(faulty, conv.sender)
        users = [i for i, e in enumerate(events) if e["event"] == "user"]
        first, second = users[-2], users[-1]
        between = events[first + 1 : second]
        # One after the other: the first was answered before the second was read.
        assert any(e["event"] == "bot" for e in between)
        assert between[-1]["event"] == "action" and between[-1]["name"] == "action_listen"
        order = [events[first]["text"], events[second]["text"]]
        if gap:
            assert order == ["8", "6"]  # sent one after the other: handled in that order
        _, body = faulty.intake(conv.sender)
        motivation = body["profile"]["motivation"]
        # Each answer stored once, under consecutive questions, never as a text answer.
        assert [motivation["importance"], motivation["confidence"]] == [int(v) for v in order]
        assert body["profile"]["motivation_text"].startswith("ik wil mijn eigen geld")
