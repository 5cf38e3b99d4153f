"""The Alembic migrations match the models and run idempotently, also concurrently."""

from __future__ import annotations

import threading

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.storage import Store
from bot.storage.migrate import alembic_config, current_revision, head_revision, upgrade
from bot.storage.models import Base


def test_models_match_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_and_upgrade_again(store: Store) -> None:
    config = alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert "intakes" not in inspect(store.engine).get_table_names()
    upgrade(store.engine)
    assert current_revision(store.engine) == head_revision()
    store.save_intake("x", status="incomplete", profile={})
    assert store.get_intake("x") is not None


def test_concurrent_first_use_migrates_once(db_url: str, backend: str, store: Store) -> None:
    if backend == "postgres":  # start from an empty schema on the shared test database
        config = alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
    stores = [Store(db_url) for _ in range(4)] if backend == "postgres" else [
        Store(db_url.replace(".sqlite3", "-fresh.sqlite3")) for _ in range(4)
    ]
    errors: list[BaseException] = []

    def start(s: Store) -> None:
        try:
            s.ensure_schema()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert current_revision(stores[0].engine) == head_revision()
    for s in stores:
        s.dispose()
