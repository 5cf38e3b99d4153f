"""A database that is down, errors mid-change, and an unset API token."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures_db import API_TOKEN, make_settings

from bot.storage import Store
from bot.web.app import create_app

DOWN_URL = "postgresql://postgres@127.0.0.1:1/nothing_here"


@pytest.fixture
def down_client(tmp_path: Path):
    store = Store(DOWN_URL)
    app = create_app(make_settings(DOWN_URL, tmp_path), store=store)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    store.dispose()


def test_database_down_html(down_client: TestClient) -> None:
    for path in ("/intakes", "/login", "/werkplek"):
        response = down_client.get(path, cookies={"intake_session": "whatever"})
        assert response.status_code == 503, path
        assert "De database is even niet bereikbaar" in response.text
        assert "Traceback" not in response.text and "psycopg2" not in response.text
        assert response.headers["content-type"].startswith("text/html")


def test_database_down_login_post(down_client: TestClient) -> None:
    import re

    page = down_client.get("/login?x=1")
    # The login form itself needs no database, except to resolve a session cookie.
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" value="([^"]*)"', page.text).group(1)
    response = down_client.post("/login", data={"username": "kim", "password": "x" * 12,
                                                "csrf_token": token})
    assert response.status_code == 503
    assert "Er is niets half opgeslagen" in response.text


def test_database_down_api(down_client: TestClient) -> None:
    response = down_client.get("/api/intakes/x", headers={"Authorization": f"Bearer {API_TOKEN}"})
    assert response.status_code == 503
    assert response.json() == {"detail": "Database unavailable; nothing was written. Retry later."}
    assert down_client.get("/api/intakes/x").status_code == 401  # token checked first
    assert down_client.get("/api/health").status_code == 503


def test_error_mid_change_writes_nothing(client: TestClient, as_role, store: Store,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    csrf = as_role("klantbegeleider")
    from bot.storage import audit

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The decision row is added, then writing its audit entry fails: all must roll back.
    monkeypatch.setattr(audit, "record", broken)
    response = client.post("/intakes/client-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "wmo", "reden": "r"})
    assert response.status_code == 500
    assert "Er is niets half opgeslagen" in response.text and "disk full" not in response.text
    monkeypatch.undo()
    intake = store.get_intake("client-1")
    assert intake["decision"] is None and intake["review_status"] == "nieuw"


def test_unset_api_token_is_generated_into_var(store: Store, db_url: str, tmp_path: Path) -> None:
    settings = make_settings(db_url, tmp_path, intake_api_token=None)
    app = create_app(settings, store=store)
    token_file = tmp_path / "intake_api_token"
    token = token_file.read_text().strip()
    assert len(token) >= 32 and (token_file.stat().st_mode & 0o777) == 0o600
    store.save_intake("t1", status="incomplete", profile={})
    with TestClient(app) as client:
        assert client.get("/api/intakes/t1").status_code == 401
        assert client.get("/api/intakes/t1",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 200
    # The same token after a restart.
    assert create_app(settings, store=store).state.api_token == token


def test_app_start_migrates_an_empty_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh' / 'new.sqlite3'}"
    app = create_app(make_settings(url, tmp_path))
    with TestClient(app) as client:
        assert client.get("/api/health").json() == {"status": "ok"}
    from bot.storage import reset_stores

    reset_stores()
