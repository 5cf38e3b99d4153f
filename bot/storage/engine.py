"""Engine and session setup for SQLite (default) and PostgreSQL.

SQLite gets WAL (the action server writes while the web app reads), a busy timeout, foreign
keys, and ``BEGIN IMMEDIATE`` transactions: a transaction that reads and then writes would
otherwise fail with "database is locked" when another process wrote in between, and the busy
timeout does not help in that case.
"""

from __future__ import annotations

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
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        conn.exec_driver_sql("BEGIN IMMEDIATE")


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
            engine = create_engine(
                url,
                future=True,
                connect_args={"timeout": 30, "check_same_thread": False},
                poolclass=QueuePool,
                pool_size=4,
                max_overflow=8,
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
