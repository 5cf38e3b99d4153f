"""Bring a database to the newest schema with Alembic (idempotent, safe to run concurrently).

Both the web app and the chat's action server call this on first use. On PostgreSQL an
advisory lock serialises concurrent starters; on SQLite the ``BEGIN IMMEDIATE`` transaction
(see ``engine.py``) does the same. The whole upgrade is one transaction on both, so a failed
migration leaves the old schema intact.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 727_001  # arbitrary, fixed: "intake schema migration"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    from bot.storage.engine import enable_wal

    enable_wal(engine)
    config = alembic_config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
        if MigrationContext.configure(conn).get_current_revision() == head_revision():
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
