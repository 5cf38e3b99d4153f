"""Saves of the chat that the database could not take: kept on disk and written later.

When the database is down (or its file read-only) at the moment an answer or a whole
intake is saved, the save is not dropped: it goes to the outbox, one file per person in
``var/outbox`` (the newest save of a person replaces the older one: every save holds the
whole intake). The outbox is written to the database again before every later save and
every 30 seconds by the action server, in the order the saves were made, and the log and the
workspace's health check (``/api/health``: ``pending_saves``) say how many wait.

The files hold what the database would hold, already masked (no BSN, no IBAN), readable
only by the owner; the file name is a hash, not the person's id. A direct save of a person
first takes that person's outbox file (under a file lock), so an old save never overwrites
a newer one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.pii.masking import mask_personal_json
from bot.storage.errors import StorageUnavailable
from bot.storage.record import FAILED, QUEUED, SAVED, IntakeRecord

log = logging.getLogger(__name__)
__all__ = ["FAILED", "QUEUED", "SAVED", "Flusher", "Outbox", "save_or_queue"]


def default_directory() -> Path:
    from bot.settings import VAR_DIR

    return Path(os.environ.get("INTAKE_OUTBOX_DIR") or VAR_DIR / "outbox")


class Outbox:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory or default_directory())

    def _path(self, sender_id: str) -> Path:
        digest = hashlib.sha256(sender_id.encode("utf-8")).hexdigest()[:32]
        return self.directory / f"{digest}.json"

    @contextmanager
    def _locked(self, path: Path) -> Iterator[Any]:
        """The person's outbox file, locked; None when there is none."""
        try:
            handle = path.open("r+", encoding="utf-8")
        except FileNotFoundError:
            yield None
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield handle if path.exists() else None
        finally:
            handle.close()

    def put(self, record: IntakeRecord) -> None:
        """Keep one save; raises OSError."""
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self._path(record.sender_id)
        data = {"queued_at": time.time(), "record": mask_personal_json(record.to_dict())}
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, default=str)
            handle.flush()
            os.fsync(handle.fileno())
        # Under the person's lock: a flush that is writing their older save finishes first.
        with self._locked(path):
            os.replace(tmp, path)  # atomic: a reader sees the old save or the new one

    def pending(self) -> int:
        try:
            return sum(1 for p in self.directory.glob("*.json"))
        except OSError:
            return 0

    def take(self, sender_id: str) -> None:
        """A newer save of this person is about to be written: drop the older one."""
        path = self._path(sender_id)
        if not path.exists():  # the usual case: one stat, no lock
            return
        with self._locked(path) as handle:
            if handle is not None:
                path.unlink(missing_ok=True)

    def flush(self, save: Callable[[IntakeRecord], None]) -> int:
        """Write the waiting saves, oldest first; stops at the first failure. Returns how
        many were written."""
        if not self.directory.exists():
            return 0
        files = []
        for path in self.directory.glob("*.json"):
            try:
                files.append((path.stat().st_mtime, path))
            except OSError:
                continue
        written = 0
        for _, path in sorted(files):
            with self._locked(path) as handle:
                if handle is None:
                    continue  # taken by a direct save meanwhile
                try:
                    data = json.load(handle)
                except ValueError:
                    log.error("outbox: unreadable file %s kept for a person to look at", path.name)
                    path.rename(path.with_suffix(".bad"))
                    continue
                try:
                    save(IntakeRecord.from_dict(data["record"]))
                except StorageUnavailable:
                    raise  # still away: keep it, try again later
                except Exception as exc:  # the row itself is refused: set it aside, go on
                    log.error("outbox: a save was refused (%s); kept as %s", exc,
                              path.with_suffix(".bad").name)
                    path.rename(path.with_suffix(".bad"))
                    continue
                path.unlink(missing_ok=True)
                written += 1
        if written:
            log.warning("outbox: %d save(s) written to the database after a disturbance", written)
        return written


def save_or_queue(store: Any, record: IntakeRecord, outbox: Outbox | None = None) -> str:
    """Save now, or keep the save in the outbox. Returns SAVED, QUEUED or FAILED (nothing
    kept: the database and the disk both refused; logged)."""
    outbox = outbox or Outbox()
    try:
        outbox.flush(store.save)
        outbox.take(record.sender_id)
        store.save(record)
        return SAVED
    except Exception as exc:  # the database is away, or refuses the row
        log.error("could not save intake (%s); keeping it in the outbox", type(exc).__name__)
        try:
            outbox.put(record)
            return QUEUED
        except OSError as disk:
            log.critical("could not keep the intake in the outbox either: %s", disk)
            return FAILED


class Flusher:
    """Writes the outbox every ``interval`` seconds in a background thread (action server)."""

    def __init__(self, store_of: Callable[[], Any], outbox: Outbox | None = None,
                 interval: float | None = None) -> None:
        self.store_of = store_of
        self.outbox = outbox or Outbox()
        self.interval = interval or float(os.environ.get("INTAKE_OUTBOX_SECONDS") or 30)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="outbox", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(self.interval)
            if not self.outbox.pending():
                continue
            try:
                self.outbox.flush(self.store_of().save)
            except Exception as exc:  # still away: try again later
                log.warning("outbox: %d save(s) still waiting (%s)", self.outbox.pending(),
                            type(exc).__name__)
