"""Engine and session setup for SQLite (default) and PostgreSQL.

SQLite gets WAL (the action server writes while the web app reads), a busy timeout, foreign
keys, and ``BEGIN IMMEDIATE`` transactions: a transaction that reads and then writes would
otherwise fail with "database is locked" when another process wrote in between, and the busy
timeout does not help in that case.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool, StaticPool

from bot.storage.errors import StorageUnavailable


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001 (DBAPI object)
        # Take transaction control away from the sqlite3 module; "begin" below issues it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        # With WAL, NORMAL survives a crash of the process (not of the machine) without an
        # fsync per commit: every chat answer is a commit, and the tracker holds it anyway.
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted rows (erasure, purge) are overwritten, not left in free pages.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    database = engine.url.database
    files = [database, f"{database}-wal", f"{database}-shm"] if database else []

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        # A database file made read-only or immutable while the process runs: SQLite's WAL
        # index is memory-mapped, and writing to it then kills the process with SIGBUS. Look
        # first (a few microseconds) and fail like an unreachable database instead.
        for path in files:
            if _read_only(path):
                raise OperationalError(
                    "BEGIN IMMEDIATE", None,
                    sqlite3.OperationalError(f"attempt to write a readonly database ({path})"),
                )
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _read_only(path: str) -> bool:
    """True when ``path`` exists and cannot be written. Asked twice: another connection may
    create the WAL file between "not writable" (it did not exist) and "exists"."""
    return not os.access(path, os.W_OK) and os.path.exists(path) and not os.access(path, os.W_OK)


def files_writable(engine: Engine) -> bool:
    """False when a SQLite database file (or its WAL files) cannot be written now."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return True
    base = engine.url.database
    return not any(_read_only(path) for path in (base, f"{base}-wal", f"{base}-shm"))


def checkpoint(engine: Engine, attempts: int = 20) -> bool:
    """Copy a SQLite write-ahead log into the database file and empty it (after erasure or
    purge: the log would otherwise keep the deleted rows readable). True when done; other
    databases need nothing."""
    import time

    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return True
    raw = engine.raw_connection()
    try:
        for _ in range(attempts):
            cursor = raw.cursor()
            busy, _log, _done = cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            cursor.close()
            if not busy:
                return True
            time.sleep(0.1)  # another process is reading at this moment
        return False
    finally:
        raw.close()


def enable_wal(engine: Engine, attempts: int = 50) -> None:
    """Switch a SQLite file to WAL (persistent, so once per process is plenty).

    Done outside any transaction and retried: switching needs a moment with no other
    connection in the middle of a write, and SQLite reports "locked" at once instead of
    waiting when another process is busy.
    """
    import sqlite3
    import time

    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return
    raw = engine.raw_connection()
    try:
        for attempt in range(attempts):
            try:
                cursor = raw.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.close()
                return
            except sqlite3.OperationalError:
                if attempt == attempts - 1:
                    raise
                time.sleep(0.1)
    finally:
        raw.close()


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            # Keep connections open (SQLAlchemy 1.4 opens a new one per transaction for a
            # SQLite file): a chat answer is one short transaction, and opening costs more.
            # No overflow connections: closing a connection of a WAL database checkpoints
            # it, and a checkpoint on a file made immutable meanwhile is a SIGBUS. Pooled
            # connections are only closed when the files can be written (Store.transaction).
            engine = create_engine(
                url,
                future=True,
                connect_args={"timeout": 30, "check_same_thread": False},
                poolclass=QueuePool,
                pool_size=8,
                max_overflow=0,
            )
        else:
            engine = create_engine(
                url,
                future=True,
                connect_args={"check_same_thread": False},
                poolclass=StaticPool,
            )
        _configure_sqlite(engine)
        return engine
    connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, future=True, pool_pre_ping=True, connect_args=connect_args)


def create_database_if_missing(url: str) -> bool:
    """Create the PostgreSQL database named in ``url`` when it does not exist (True if made).

    SQLite files are made on first use; other databases must exist already.
    """
    from sqlalchemy import text

    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or not parsed.database:
        return False
    name = parsed.database
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            ).first()
            if exists:
                return False
            quoted = admin.dialect.identifier_preparer.quote(name)
            conn.execute(text(f"CREATE DATABASE {quoted}"))
            return True
    finally:
        admin.dispose()


def make_session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


def is_unavailable_error(exc: BaseException) -> bool:
    """True for errors that mean "the database is not there", not "your query is wrong"."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


@contextmanager
def transaction(factory: sessionmaker) -> Iterator[Session]:
    """One unit of work: commit at the end, roll back everything on any error."""
    session: Session = factory()
    try:
        yield session
        session.commit()
    except BaseException as exc:
        session.rollback()
        if is_unavailable_error(exc):
            raise StorageUnavailable("De database is niet bereikbaar.") from exc
        raise
    finally:
        session.close()
