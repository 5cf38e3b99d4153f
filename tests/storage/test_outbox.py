"""The outbox of saves that waited for the database (bot/storage/outbox.py)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bot.storage import StorageUnavailable, Store
from bot.storage.outbox import FAILED, QUEUED, SAVED, Outbox, save_or_queue
from bot.storage.record import IntakeRecord

DOWN_URL = "postgresql://postgres@127.0.0.1:1/nothing"


def record(sender: str, status: str = "incomplete", **values) -> IntakeRecord:  # noqa: ANN003
    return IntakeRecord(
        sender_id=sender, status=status, profile={"age": 23, **values},
        transcript=[{"role": "user", "text": "23", "ts": "2026-12-03T10:00:00+00:00"}],
    )


def test_a_save_while_the_database_is_away_waits_and_is_written_later(
    store: Store, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox")
    down = Store(DOWN_URL)
    assert save_or_queue(down, record("a"), outbox) == QUEUED
    assert save_or_queue(down, record("a", name="Sam"), outbox) == QUEUED  # newest wins
    assert save_or_queue(down, record("b"), outbox) == QUEUED
    assert outbox.pending() == 2
    assert store.get_intake("a") is None
    # Back: the next save writes the waiting ones first, then its own.
    assert save_or_queue(store, record("c"), outbox) == SAVED
    assert outbox.pending() == 0
    assert store.get_intake("a")["profile"]["name"] == "Sam"
    assert store.get_intake("b") is not None and store.get_intake("c") is not None


def test_a_newer_direct_save_is_never_overwritten_by_an_older_waiting_one(
    store: Store, tmp_path: Path
) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(record("a", name="old"))
    outbox.take("a")  # what a direct save of "a" does first
    store.save(record("a", name="new"))
    outbox.flush(store.save)
    assert store.get_intake("a")["profile"]["name"] == "new"


def test_waiting_files_are_private_and_masked(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(record("person-1", droombaan="kok, mijn iban is NL91ABNA0417164300"))
    (path,) = (tmp_path / "outbox").glob("*.json")
    assert "person-1" not in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text()
    assert "NL91ABNA0417164300" not in text and "[IBAN verwijderd]" in text


def test_a_refused_save_is_set_aside_and_the_rest_goes_on(store: Store, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(record("bad", status="nonsense"))
    outbox.put(record("good"))
    assert outbox.flush(store.save) == 1
    assert store.get_intake("good") is not None
    assert list((tmp_path / "outbox").glob("*.bad"))


def test_the_database_still_away_keeps_everything(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(record("a"))
    with pytest.raises(StorageUnavailable):
        outbox.flush(Store(DOWN_URL).save)
    assert outbox.pending() == 1
    saved = json.loads(next((tmp_path / "outbox").glob("*.json")).read_text())
    assert saved["record"]["sender_id"] == "a"


def test_nowhere_to_keep_it_says_so(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    assert save_or_queue(Store(DOWN_URL), record("a"), Outbox(blocked / "outbox")) == FAILED


def test_a_waiting_file_with_unknown_fields_is_set_aside(store: Store, tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox")
    outbox.put(record("a"))
    path = next((tmp_path / "outbox").glob("*.json"))
    data = json.loads(path.read_text())
    data["record"]["colour"] = "blue"
    path.write_text(json.dumps(data))
    assert outbox.flush(store.save) == 0
    assert store.get_intake("a") is None and list((tmp_path / "outbox").glob("*.bad"))
