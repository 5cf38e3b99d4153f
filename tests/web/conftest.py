"""Web-test fixtures: the app on SQLite and PostgreSQL, users per role, a login helper."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # for fixtures_db

import pytest  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from fixtures_db import *  # noqa: E402,F403 (the store/db_url fixtures)
from fixtures_db import USERS, csrf_from, login, make_settings, seed  # noqa: E402

from bot.storage import Store  # noqa: E402
from bot.web.app import create_app  # noqa: E402


@pytest.fixture
def app(store: Store, db_url: str, tmp_path: Path):
    seed(store)
    return create_app(make_settings(db_url, tmp_path), store=store)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def as_role(client: TestClient):
    """``as_role("school")`` logs the client in as that role; returns its CSRF token."""

    def _login(role: str) -> str:
        response = login(client, USERS[role][0])
        assert response.status_code == 303, response.text
        home = client.get("/account/wachtwoord")
        return csrf_from(home.text)

    return _login
