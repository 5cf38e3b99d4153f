"""Login, sessions, logout, CSRF, login slowdown, safe redirects."""

from __future__ import annotations

from fastapi.testclient import TestClient
from fixtures_db import PASSWORD, csrf_from, login, make_settings

from bot.storage import Store
from bot.web.app import create_app


def test_login_sets_hardened_cookie_and_redirects(client: TestClient) -> None:
    response = login(client, "kim")
    assert response.status_code == 303 and response.headers["location"] == "/intakes"
    cookie = next(h for h in response.headers.get_list("set-cookie")
                  if h.startswith("intake_session="))
    flags = cookie.lower()
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
    assert "secure" not in flags  # plain http by default (COOKIE_SECURE=false)
    assert client.get("/intakes").status_code == 200


def test_secure_cookie_when_configured(store: Store, db_url: str, tmp_path) -> None:
    from fixtures_db import seed

    seed(store)
    app = create_app(make_settings(db_url, tmp_path, cookie_secure=True), store=store)
    with TestClient(app, base_url="https://testserver") as client:
        response = login(client, "kim")
        cookie = next(h for h in response.headers.get_list("set-cookie")
                      if h.startswith("intake_session="))
        assert "secure" in cookie.lower()


def test_wrong_password_and_unknown_user(client: TestClient) -> None:
    for username, password in (("kim", "wrong password!"), ("nobody", PASSWORD), ("kim", "")):
        response = login(client, username, password)
        assert response.status_code == 401
        assert "Gebruikersnaam of wachtwoord klopt niet." in response.text
    assert client.get("/intakes", follow_redirects=False).status_code == 303


def test_login_is_case_insensitive_on_username(client: TestClient) -> None:
    assert login(client, "KIM").status_code == 303


def test_slowdown_after_repeated_failures(client: TestClient, store: Store) -> None:
    for _ in range(3):  # LOGIN_MAX_FAILURES=3 in the test settings
        assert login(client, "kim", "wrong password!").status_code == 401
    # Locked now: even the right password is refused until the window has passed.
    response = login(client, "kim")
    assert response.status_code == 429
    assert "Te veel mislukte pogingen" in response.text
    assert client.get("/intakes", follow_redirects=False).status_code == 303
    # Another account from the same address is not affected.
    assert login(client, "admin").status_code == 303
    actions = [e["action"] for e in store.audit_entries(actor="kim")]
    assert actions.count("login_failed") == 3 and "login_throttled" in actions


def test_one_address_trying_many_usernames_is_slowed_down(client: TestClient) -> None:
    # Password spraying: one try per username, all from one address (3 x 4 = 12 free).
    codes = [login(client, f"user{n}", "Welkom01!").status_code for n in range(20)]
    assert codes[:12] == [401] * 12 and set(codes[12:]) == {429}


def test_failure_counters_survive_a_restart_of_the_web_app(
    store: Store, db_url: str, tmp_path
) -> None:
    from bot.web.app import create_app

    first = TestClient(create_app(make_settings(db_url, tmp_path), store=store))
    for _ in range(3):
        assert login(first, "kim", "wrong password!").status_code == 401
    again = TestClient(create_app(make_settings(db_url, tmp_path), store=store))  # restarted
    assert login(again, "kim").status_code == 429


def test_hsts_only_over_https(client: TestClient) -> None:
    assert "strict-transport-security" not in client.get("/login").headers
    secure = TestClient(client.app, base_url="https://testserver")
    assert secure.get("/login").headers["strict-transport-security"].startswith("max-age=")


def test_login_needs_its_csrf_token(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "kim", "password": PASSWORD,
                                           "csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/intakes", follow_redirects=False).status_code == 303


def test_login_from_another_site_is_refused(client: TestClient) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"username": "kim", "password": PASSWORD,
                                           "csrf_token": csrf_from(page.text)},
                           headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403


def test_next_only_goes_to_local_paths(client: TestClient) -> None:
    assert login(client, "kim", next_url="/intakes/client-1").headers["location"] == \
        "/intakes/client-1"
    client.cookies.clear()
    for evil in ("https://evil.example/", "//evil.example", "/\\evil.example"):
        response = login(client, "kim", next_url=evil)
        assert response.headers["location"] == "/intakes"
        client.cookies.clear()


def test_redirect_to_login_keeps_target(client: TestClient) -> None:
    response = client.get("/intakes?urgent=ja", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/intakes%3Furgent%3Dja"


def test_logout_ends_session_server_side(client: TestClient, as_role) -> None:
    csrf = as_role("klantbegeleider")
    old_cookie = client.cookies.get("intake_session")
    response = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/intakes", follow_redirects=False).status_code == 303
    # Replaying the old cookie does not work either: the session is gone from the database.
    client.cookies.set("intake_session", old_cookie)
    assert client.get("/intakes", follow_redirects=False).status_code == 303


def test_post_without_csrf_changes_nothing(client: TestClient, as_role, store: Store) -> None:
    as_role("klantbegeleider")
    for token in ("", "wrong"):
        response = client.post("/intakes/client-1/besluit", data={
            "csrf_token": token, "keuze": "anders", "route": "wmo", "reden": "r"})
        assert response.status_code == 403
    csrf = csrf_from(client.get("/intakes/client-1").text)
    response = client.post("/intakes/client-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "wmo", "reden": "r"},
        headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert store.get_intake("client-1")["decision"] is None


def test_change_own_password(client: TestClient, as_role) -> None:
    csrf = as_role("school")
    bad = client.post("/account/wachtwoord", data={"csrf_token": csrf, "current": "nope",
                                                   "new": "een nieuw wachtwoord",
                                                   "repeat": "een nieuw wachtwoord"})
    assert bad.status_code == 400 and "klopt niet" in bad.text
    ok = client.post("/account/wachtwoord", data={"csrf_token": csrf, "current": PASSWORD,
                                                  "new": "een nieuw wachtwoord",
                                                  "repeat": "een nieuw wachtwoord"})
    assert ok.status_code == 200 and "gewijzigd" in ok.text
    client.cookies.clear()
    assert login(client, "sam", "een nieuw wachtwoord").status_code == 303


def test_security_headers(client: TestClient, as_role) -> None:
    as_role("klantbegeleider")
    response = client.get("/intakes/client-1")
    assert response.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
