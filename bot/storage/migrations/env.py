"""Alembic environment: the URL comes from the caller or from ``bot.settings``, never an ini file.

``bot.storage.migrate.upgrade()`` passes an open connection in ``config.attributes``; the
``alembic`` command line (``alembic -c bot/storage/migrations/alembic.ini``) gets the URL from
``DATABASE_URL`` through ``bot.settings``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from bot.settings import load_settings
from bot.storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    url = config.get_main_option("sqlalchemy.url") or load_settings().database_url
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or load_settings().database_url
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
