"""Fixtures and helpers shared by the storage, privacy, web and browser tests.

Their conftests import it.

``db_url`` runs a test on SQLite (a fresh file per test) and on PostgreSQL (one database per
test session, created here and dropped at the end; tables emptied before every test).

PostgreSQL at 127.0.0.1:5432 must be reachable: if it is not, the postgres tests FAIL with a
clear message (CI starts the service). ``SKIP_POSTGRES=1`` skips them for local development;
``TEST_POSTGRES_URL`` points them at another server (any database; a new one is created).
"""

from __future__ import annotations

import os
import re
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.storage import Store  # noqa: E402
from bot.storage.models import Base  # noqa: E402

PG_CANDIDATES = (
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
)

postgres_param = pytest.param("postgres", marks=pytest.mark.postgres, id="postgres")
sqlite_param = pytest.param("sqlite", id="sqlite")
BACKENDS = [sqlite_param, postgres_param]


def _admin_url() -> str:
    override = os.environ.get("TEST_POSTGRES_URL")
    candidates = (override,) if override else PG_CANDIDATES
    errors = []
    for url in candidates:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return url
        except Exception as exc:  # any driver error means "try the next one"
            errors.append(f"{url}: {str(exc).splitlines()[0]}")
        finally:
            engine.dispose()
    pytest.fail(
        "PostgreSQL is not reachable for the postgres tests:\n  "
        + "\n  ".join(errors)
        + "\nStart it (127.0.0.1:5432, trust auth) or set SKIP_POSTGRES=1 to skip locally.",
        pytrace=False,
    )


def _swap_database(url: str, database: str) -> str:
    return url.rsplit("/", 1)[0] + "/" + database


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session; dropped afterwards."""
    if os.environ.get("SKIP_POSTGRES") == "1":
        pytest.skip("SKIP_POSTGRES=1")
    admin_url = _admin_url()
    name = f"intake_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _swap_database(admin_url, name)
    finally:
        from bot.storage import reset_stores

        reset_stores()
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_store(postgres_url: str) -> Iterator[Store]:
    store = Store(postgres_url)
    store.ensure_schema()
    yield store
    store.dispose()


def empty_all_tables(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'intake.sqlite3'}"
    store: Store = request.getfixturevalue("postgres_store")
    empty_all_tables(store)
    return store.database_url


@pytest.fixture
def store(db_url: str, backend: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """A migrated, empty ``Store`` on the parametrised backend."""
    if backend == "postgres":
        yield request.getfixturevalue("postgres_store")
        return
    sqlite_store = Store(db_url)
    sqlite_store.ensure_schema()
    yield sqlite_store
    sqlite_store.dispose()


# -- seed data for the web and browser tests ---------------------------------------------------

API_TOKEN = "test-api-token-0123456789"
PASSWORD = "correct horse battery"
USERS = {
    "klantbegeleider": ("kim", None),
    "school": ("sam", "VSO De Brug"),
    "beheerder": ("admin", None),
}
ADVICE = {
    "route": "jobcoaching",
    "route_label": "Jobcoaching door de gemeente",
    "readiness": {"score": 68, "willen": 80, "kunnen": 55, "stabiliteit": 70},
    "reasons": ["Wil graag werken en kan binnen zes maanden beginnen.",
                "Kan het minimumloon niet zelf verdienen."],
    "referrals": ["schuldhulpverlening"],
    "urgent": False,
    "rules": [{"id": "JC-1", "source": "seed 001 §2.1"}],
    "missing": ["hours_per_week"],
}


def make_settings(db_url: str, var_dir: Path, **overrides: Any) -> Settings:
    values = dict(
        database_url=db_url, intake_api_token=API_TOKEN, secret_key="test-secret-key",
        purge_interval_hours=0, var_dir=var_dir, login_max_failures=3, login_lockout_seconds=30,
    )
    values.update(overrides)
    return Settings(**values)


def seed(store: Store) -> None:
    for role, (username, school) in USERS.items():
        store.create_user(username, PASSWORD, role, school_name=school)
    store.save_intake(
        "client-1", status="complete",
        profile={"name": "Sanne <b>de Vries</b>", "droombaan": "<script>alert(1)</script>kok",
                 "age": 24, "unknown": ["benefit"]},
        advice=ADVICE, summary_text="Sanne wil kok worden.\n\nZe heeft schulden.",
        transcript=[{"role": "bot", "text": "Hoi!", "ts": "2025-01-01T10:00:00+00:00"},
                    {"role": "user", "text": "Ik wil <i>kok</i> worden",
                     "ts": "2025-01-01T10:00:09+00:00"}],
    )
    store.save_intake(
        "urgent-1", status="incomplete", profile={"name": "Bram Urgent", "crisis": True},
        urgent=True,
    )
    store.save_intake(
        "pupil-1", status="complete", profile={"name": "Leerling Lotte", "droombaan": "tuinman"},
        advice={**ADVICE, "route": "wmo"}, summary_text="Lotte.", respondent="school",
        school_name="VSO De Brug",
    )
    store.save_intake(
        "pupil-2", status="complete", profile={"name": "Leerling Other"}, advice=ADVICE,
        respondent="school", school_name="PrO Oost",
    )


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_from(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "no CSRF token in page"
    return match.group(1)


def login(client: Any, username: str, password: str = PASSWORD, next_url: str = "") -> Any:
    """Log ``client`` (a TestClient) in through the real form, CSRF token included."""
    page = client.get("/login")
    return client.post("/login", data={"username": username, "password": password,
                                       "csrf_token": csrf_from(page.text), "next": next_url},
                       follow_redirects=False)
