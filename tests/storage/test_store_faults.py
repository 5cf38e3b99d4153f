"""A SQLite file that cannot be written: a clear error, no crash, and recovery.

Each case runs in a child process: before the fix, SQLite's memory-mapped WAL index killed
the process with SIGBUS, and that must not take the test run with it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRELUDE = """
import subprocess, sys
sys.path.insert(0, {root!r})
def chattr(flag, base):
    for path in (base, base + "-wal", base + "-shm"):
        subprocess.run(["chattr", flag, path], capture_output=True)
"""


def run_child(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    db = tmp_path / "intake.sqlite3"
    probe = tmp_path / "probe"
    probe.write_text("x")
    if subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode:
        pytest.skip("chattr +i is not possible here")
    subprocess.run(["chattr", "-i", str(probe)], check=True)
    script = PRELUDE.format(root=str(ROOT)) + textwrap.dedent(code).replace("DB", repr(str(db)))
    try:
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              timeout=120)
    finally:
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            if path.exists():
                subprocess.run(["chattr", "-i", str(path)], capture_output=True)


def test_made_immutable_while_open_fails_cleanly_and_recovers(tmp_path: Path) -> None:
    out = run_child("""
        from bot.storage import Store, StorageUnavailable
        store = Store("sqlite:///" + DB)
        store.save_intake("a", status="incomplete", profile={"age": 1})
        chattr("+i", DB)
        for _ in range(3):
            try:
                store.save_intake("a", status="incomplete", profile={"age": 2})
                print("SAVED WHILE IMMUTABLE")
            except StorageUnavailable:
                print("refused")
        print("ping", store.ping())
        chattr("-i", DB)
        store.save_intake("a", status="incomplete", profile={"age": 3})
        print("age", store.get_intake("a")["profile"]["age"])
    """, tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]  # -7 would be SIGBUS
    assert out.stdout.split() == ["refused"] * 3 + ["ping", "False", "age", "3"]


def test_read_only_at_start_recovers_when_writable_again(tmp_path: Path) -> None:
    out = run_child("""
        from bot.storage import Store, StorageUnavailable
        first = Store("sqlite:///" + DB)
        first.save_intake("a", status="incomplete", profile={})
        first.dispose()  # closed while writable (a checkpoint on an immutable file: SIGBUS)
        chattr("+i", DB)
        store = Store("sqlite:///" + DB)
        try:
            store.save_intake("b", status="incomplete", profile={})
        except StorageUnavailable:
            print("refused")
        chattr("-i", DB)
        for attempt in range(3):
            try:
                store.save_intake("b", status="incomplete", profile={"age": 5})
                print("saved after", attempt)
                break
            except StorageUnavailable:
                pass
        print("age", store.get_intake("b")["profile"]["age"])
    """, tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    words = out.stdout.split()
    assert words[0] == "refused" and words[1:3] == ["saved", "after"] and int(words[3]) <= 1
    assert words[-2:] == ["age", "5"]


def test_the_tracker_store_says_it_is_unavailable(tmp_path: Path) -> None:
    out = run_child("""
        from rasa.shared.core.domain import Domain
        from rasa.core.tracker_store import FailSafeTrackerStore
        from components.tracker_store import CachedSQLTrackerStore, tracker_store_available
        store = CachedSQLTrackerStore(Domain.load({domain!r}), host="sqlite:///" + DB)
        wrapped = FailSafeTrackerStore(store)
        print(tracker_store_available(wrapped))
        chattr("+i", DB)
        print(tracker_store_available(wrapped))
        chattr("-i", DB)
        print(tracker_store_available(wrapped))
    """.replace("{domain!r}", repr(str(ROOT / "domain.yml"))), tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["True", "False", "True"]
