"""Roles checked on every route: the full table, per role, on SQLite and PostgreSQL.

``test_table_covers_every_route`` fails when someone adds a page without adding it here.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from fixtures_db import API_TOKEN, USERS, csrf_from, login

KB, SCHOOL, ADMIN = "klantbegeleider", "school", "beheerder"
ALL = (KB, SCHOOL, ADMIN)

# (method, path as routed, concrete path, roles allowed)
TABLE = [
    ("GET", "/intakes", "/intakes", (KB, SCHOOL)),
    ("GET", "/intakes/{sender_id}", "/intakes/pupil-1", (KB, SCHOOL)),
    ("GET", "/intakes/{sender_id}/samenvatting.pdf", "/intakes/pupil-1/samenvatting.pdf",
     (KB, SCHOOL)),
    ("GET", "/intakes/{sender_id}/export.json", "/intakes/pupil-1/export.json", (KB, SCHOOL)),
    ("POST", "/intakes/{sender_id}/besluit", "/intakes/pupil-1/besluit", (KB,)),
    ("POST", "/intakes/{sender_id}/notities", "/intakes/pupil-1/notities", (KB, SCHOOL)),
    ("POST", "/intakes/{sender_id}/status", "/intakes/pupil-1/status", (KB,)),
    ("GET", "/cijfers", "/cijfers", (KB, ADMIN)),
    ("GET", "/beheer", "/beheer", (ADMIN,)),
    ("GET", "/beheer/gebruikers", "/beheer/gebruikers", (ADMIN,)),
    ("POST", "/beheer/gebruikers", "/beheer/gebruikers", (ADMIN,)),
    ("POST", "/beheer/gebruikers/{user_id}/actief", "/beheer/gebruikers/999999/actief", (ADMIN,)),
    ("POST", "/beheer/gebruikers/{user_id}/wachtwoord", "/beheer/gebruikers/999999/wachtwoord",
     (ADMIN,)),
    ("GET", "/beheer/bewaartermijnen", "/beheer/bewaartermijnen", (ADMIN,)),
    ("POST", "/beheer/bewaartermijnen", "/beheer/bewaartermijnen", (ADMIN,)),
    ("POST", "/beheer/opschonen", "/beheer/opschonen", (ADMIN,)),
    ("GET", "/beheer/personen", "/beheer/personen", (ADMIN,)),
    ("POST", "/beheer/personen/inzage", "/beheer/personen/inzage", (ADMIN,)),
    ("POST", "/beheer/personen/wissen", "/beheer/personen/wissen", (ADMIN,)),
    ("GET", "/beheer/logboek", "/beheer/logboek", (ADMIN,)),
    # School lists (batch pre-screening) and school codes
    ("GET", "/scholen/lijsten", "/scholen/lijsten", (KB, SCHOOL)),
    ("POST", "/scholen/lijsten", "/scholen/lijsten", (SCHOOL,)),
    ("GET", "/scholen/sjabloon.csv", "/scholen/sjabloon.csv", (KB, SCHOOL)),
    ("GET", "/scholen/lijsten/{batch_id}", "/scholen/lijsten/999999", (KB, SCHOOL)),
    ("GET", "/scholen/lijsten/{batch_id}/advies.csv", "/scholen/lijsten/999999/advies.csv",
     (KB, SCHOOL)),
    ("GET", "/scholen/lijsten/{batch_id}/rij/{position}", "/scholen/lijsten/999999/rij/1",
     (SCHOOL,)),
    ("POST", "/scholen/lijsten/{batch_id}/rij/{position}", "/scholen/lijsten/999999/rij/1",
     (SCHOOL,)),
    ("POST", "/scholen/lijsten/{batch_id}/rij/{position}/verwijderen",
     "/scholen/lijsten/999999/rij/1/verwijderen", (SCHOOL,)),
    ("POST", "/scholen/lijsten/{batch_id}/versturen", "/scholen/lijsten/999999/versturen",
     (SCHOOL,)),
    ("POST", "/scholen/lijsten/{batch_id}/verwijderen", "/scholen/lijsten/999999/verwijderen",
     (SCHOOL,)),
    ("GET", "/beheer/scholen", "/beheer/scholen", (ADMIN,)),
    ("POST", "/beheer/scholen/code", "/beheer/scholen/code", (ADMIN,)),
    ("GET", "/account/wachtwoord", "/account/wachtwoord", ALL),
    ("POST", "/account/wachtwoord", "/account/wachtwoord", ALL),
    ("POST", "/logout", "/logout", ALL),
]
PUBLIC = {("GET", "/werkplek"), ("GET", "/login"), ("POST", "/login")}
# The municipality's demo page, the widget script and the chat's privacy statement: no data.
SITE = {("GET", "/"), ("GET", "/widget.js"), ("GET", "/privacy")}
# The job seeker's chat page and its relay to Rasa's REST channel: public by design, no data.
CHAT = {("GET", "/chat"), ("POST", "/chat/bericht")}
API = {("GET", "/api/intakes"), ("GET", "/api/intakes/{sender_id}"), ("GET", "/api/health")}


def test_table_covers_every_route(app) -> None:
    routed = set()
    for route in app.routes:
        methods = getattr(route, "methods", None) or set()
        for method in methods - {"HEAD"}:
            routed.add((method, route.path))
    documented = {(m, p) for m, p, _, _ in TABLE} | PUBLIC | API | CHAT | SITE
    routed -= {("GET", "/openapi.json")}
    assert routed == documented


def _request(client: TestClient, method: str, path: str, csrf: str):
    if method == "GET":
        return client.get(path, follow_redirects=False)
    return client.post(path, data={"csrf_token": csrf}, follow_redirects=False)


@pytest.mark.parametrize("role", [None, KB, SCHOOL, ADMIN])
def test_roles_per_route(client: TestClient, role: str | None) -> None:
    csrf = ""
    if role:
        assert login(client, USERS[role][0]).status_code == 303
        csrf = csrf_from(client.get("/account/wachtwoord").text)
    failures = []
    # Logout last: it ends the session the other rows need.
    for method, _, path, allowed in sorted(TABLE, key=lambda row: row[2] == "/logout"):
        response = _request(client, method, path, csrf)
        if role is None:
            ok = response.status_code == 303 and response.headers["location"].startswith(
                "/login?next="
            )
        elif role in allowed:
            ok = response.status_code not in (401, 403) and not response.headers.get(
                "location", ""
            ).startswith("/login?next=")
        else:
            ok = response.status_code == 403 and "Geen toegang" in response.text
        if not ok:
            failures.append(f"{role} {method} {path} -> {response.status_code}")
    assert failures == []


def test_school_cannot_open_other_schools_pupil(client: TestClient, as_role) -> None:
    csrf = as_role(SCHOOL)
    for path in ("/intakes/pupil-2", "/intakes/pupil-2/samenvatting.pdf",
                 "/intakes/pupil-2/export.json", "/intakes/client-1"):
        assert client.get(path).status_code == 403, path
    response = client.post("/intakes/pupil-2/notities", data={"csrf_token": csrf, "tekst": "x"})
    assert response.status_code == 403
    overview = client.get("/intakes").text
    assert "Leerling Lotte" in overview
    assert "Leerling Other" not in overview and "Sanne" not in overview and "Bram" not in overview
    assert client.get("/intakes/pupil-1").status_code == 200


def test_unknown_intake_is_404(client: TestClient, as_role) -> None:
    as_role(KB)
    response = client.get("/intakes/does-not-exist")
    assert response.status_code == 404
    assert "Niet gevonden" in response.text


def test_api_needs_token_not_a_session(client: TestClient, as_role) -> None:
    as_role(KB)  # a logged-in browser session is no API credential
    assert client.get("/api/intakes/client-1").status_code == 401
    assert client.get("/api/intakes/client-1",
                      headers={"Authorization": f"Bearer {API_TOKEN}"}).status_code == 200
