"""Erasure and purge stick (AVG art. 17 and 5(1)(e)), on SQLite and on PostgreSQL.

After ``python -m bot erase-person`` or a purge, the person is gone from every store that
held them (our database, Rasa's tracker store, the outbox, SQLite's write-ahead log), and a
later message from the same sender starts a fresh, empty intake: the running Rasa server
must not bring the old conversation back from memory.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.e2e.stack import ROOT, Stack
from tests.e2e.test_chat_rest import COOPERATIVE, Conversation, run_script

pytestmark = pytest.mark.rasa

NAME = "Fennegien"  # rare enough to look for in the raw database files
ERASED_NAME = "Wobbegien"  # only the erased person has it
IBAN = "NL91ABNA0417164300"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                                marks=pytest.mark.postgres)])
def backend_stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    workdir = tmp_path_factory.mktemp(f"erasure-{request.param}")
    extra: dict[str, str] = {}
    admin = None
    name = f"intake_erasure_{uuid.uuid4().hex[:8]}"
    if request.param == "postgres":
        from sqlalchemy.engine import make_url

        from tests.e2e.stack import PG_ADMIN_URL

        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(False)
        extra = {"DATABASE_URL": url, "TRACKER_DATABASE_URL": url}
    stack = Stack(workdir=workdir, extra_env=extra).start()
    yield request.param, stack
    stack.stop()
    if admin is not None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def bot_cli(stack: Stack, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=stack.env(),
                          capture_output=True, text=True, timeout=120)


def tracker_rows(stack: Stack, sender: str) -> list[str]:
    engine = create_engine(stack.env()["TRACKER_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            return list(conn.execute(text("SELECT data FROM events WHERE sender_id = :s"),
                                     {"s": sender}).scalars())
    finally:
        engine.dispose()


def stored_transcript(stack: Stack, sender: str) -> str:
    engine = create_engine(stack.env()["DATABASE_URL"])
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT t.messages FROM transcripts t JOIN intakes i ON i.id = t.intake_id "
                "WHERE i.sender_id = :s"), {"s": sender}).scalars().all()
    finally:
        engine.dispose()
    return json.dumps([r if isinstance(r, list) else json.loads(r) for r in rows])


def complete_intake(stack: Stack, name: str = NAME) -> Conversation:
    conv = Conversation(stack)
    script = [(f"Ik heet {name}", m) if "heet" in s.lower() else (s, m) for s, m in COOPERATIVE]
    script = [(f"bijstand, het geld komt op {IBAN}", m) if s == "bijstand" else (s, m)
              for s, m in script]
    run_script(conv, script)
    conv.say("ja dat klopt")
    status, body = stack.intake(conv.sender)
    assert status == 200 and body["status"] == "complete" and body["profile"]["name"] == name
    return conv


def assert_fresh(stack: Stack, sender: str, name: str = NAME) -> None:
    """A later message from the same sender starts a fresh, empty intake."""
    conv = Conversation(stack, sender)
    welcome = conv.say("hoi")
    assert "Wie vult de vragen in" in welcome and name not in welcome
    reply = conv.say("ik wil nog iets veranderen")
    assert name not in reply and "advies" not in reply.lower()
    status, body = stack.intake(sender)
    if status == 200:
        assert body["status"] == "incomplete" and body["profile"].get("name") is None
        assert body["profile"].get("droombaan") is None
    assert not any(name in row for row in tracker_rows(stack, sender))


def test_an_iban_typed_in_an_answer_is_never_stored(backend_stack) -> None:
    _, stack = backend_stack
    conv = complete_intake(stack)
    _, body = stack.intake(conv.sender)
    assert body["profile"]["benefit"] == "bijstand"
    for stored in (json.dumps(body), stored_transcript(stack, conv.sender),
                   *tracker_rows(stack, conv.sender)):
        assert IBAN not in stored and "0417 1643" not in stored


def test_erasure_is_final_for_the_running_chat(backend_stack) -> None:
    backend, stack = backend_stack
    conv = complete_intake(stack, ERASED_NAME)
    out = bot_cli(stack, "erase-person", "--yes", conv.sender)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["found"] is True and report["tracker_events"] > 0
    assert stack.intake(conv.sender)[0] == 404
    assert tracker_rows(stack, conv.sender) == []
    if backend == "sqlite":
        # Not left readable in the database files or their write-ahead logs either.
        for url_key in ("DATABASE_URL", "TRACKER_DATABASE_URL"):
            base = Path(stack.env()[url_key].removeprefix("sqlite:///"))
            for path in (base, Path(f"{base}-wal")):
                if path.exists():
                    assert ERASED_NAME.encode() not in path.read_bytes(), path.name
    assert_fresh(stack, conv.sender, ERASED_NAME)


def test_purge_is_final_for_the_running_chat(backend_stack) -> None:
    _, stack = backend_stack
    conv = Conversation(stack)
    script = [(f"Ik heet {NAME}", m) if "heet" in s.lower() else (s, m) for s, m in COOPERATIVE]
    run_script(conv, script[:8])  # unfinished, then quiet for 40 days
    for key, statements in (
        ("DATABASE_URL", ["UPDATE intakes SET updated_at = updated_at - INTERVAL '40 days', "
                          "created_at = created_at - INTERVAL '40 days' WHERE sender_id = :s"]),
        ("TRACKER_DATABASE_URL", ["UPDATE events SET timestamp = timestamp - 40 * 86400 "
                                  "WHERE sender_id = :s"]),
    ):
        engine = create_engine(stack.env()[key])
        with engine.begin() as conn:
            for statement in statements:
                if engine.dialect.name == "sqlite":
                    statement = statement.replace(
                        "updated_at - INTERVAL '40 days'", "datetime(updated_at, '-40 days')"
                    ).replace("created_at - INTERVAL '40 days'",
                              "datetime(created_at, '-40 days')")
                conn.execute(text(statement), {"s": conv.sender})
        engine.dispose()
    out = bot_cli(stack, "purge")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["incomplete_intakes"] >= 1 and report["tracker_events"] > 0
    assert stack.intake(conv.sender)[0] == 404
    assert_fresh(stack, conv.sender)
