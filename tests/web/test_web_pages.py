"""The workspace pages: overview, detail, decision, notes, status, exports, figures, beheer."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient
from fixtures_db import PASSWORD, csrf_from, login

from bot.storage import Store


def row_order(html: str) -> list[str]:
    return re.findall(r'<a href="/intakes/([^"?]+)">', html)


def test_overview_puts_urgent_on_top_and_marks_it(client: TestClient, as_role) -> None:
    as_role("klantbegeleider")
    html = client.get("/intakes").text
    order = row_order(html)
    assert order[0] == "urgent-1"
    assert set(order) == {"urgent-1", "client-1", "pupil-1", "pupil-2"}
    assert 'class="urgent"' in html and ">Urgent</span>" in html
    assert "4 intakes gevonden" in html


def test_overview_filters_and_search(client: TestClient, as_role) -> None:
    as_role("klantbegeleider")
    assert row_order(client.get("/intakes?urgent=ja").text) == ["urgent-1"]
    assert row_order(client.get("/intakes?route=wmo").text) == ["pupil-1"]
    assert row_order(client.get("/intakes?q=tuinman").text) == ["pupil-1"]
    assert row_order(client.get("/intakes?q=sanne").text) == ["client-1"]
    assert row_order(client.get("/intakes?status=incomplete").text) == ["urgent-1"]
    assert set(row_order(client.get("/intakes?school=PrO+Oost").text)) == {"pupil-2"}
    assert row_order(client.get("/intakes?behandeling=afgerond").text) == []
    from datetime import datetime

    from bot.web.templating import LOCAL_TZ

    today = datetime.now(LOCAL_TZ).date().isoformat()
    assert row_order(client.get(f"/intakes?van={today}&tot={today}&urgent=ja").text) == \
        ["urgent-1"]
    assert row_order(client.get("/intakes?tot=2000-01-01").text) == []
    bad = client.get("/intakes?van=gisteren&route=mars")
    assert bad.status_code == 200 and "jjjj-mm-dd" in bad.text
    assert len(row_order(bad.text)) == 4  # the bad filters are ignored, not fatal


def test_html_is_escaped_everywhere(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("klantbegeleider")
    client.post("/intakes/client-1/notities",
                data={"csrf_token": csrf, "tekst": "<img src=x onerror=alert(1)>"})
    client.post("/intakes/client-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "wmo", "reden": "<b>vet</b>"})
    for path in ("/intakes", "/intakes/client-1", "/intakes?q=%3Cscript%3E"):
        html = client.get(path).text
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html and "<b>de Vries</b>" not in html
        assert "<b>vet</b>" not in html and "<i>kok</i>" not in html
    detail = client.get("/intakes/client-1").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;kok" in detail
    assert "&lt;img src=x onerror=alert(1)&gt;" in detail
    assert "&lt;b&gt;vet&lt;/b&gt;" in detail
    search = client.get("/intakes?q=%3Cscript%3E").text
    assert 'value="&lt;script&gt;"' in search


def test_detail_explains_the_advice(client: TestClient, as_role) -> None:
    as_role("klantbegeleider")
    html = client.get("/intakes/client-1").text
    assert "Sanne wil kok worden." in html and "Ze heeft schulden." in html
    assert "Jobcoaching door de gemeente" in html  # route_label from the advice
    assert "Wil graag werken en kan binnen zes maanden beginnen." in html
    for part in ("Willen", "Kunnen", "Stabiliteit"):
        assert part in html
    assert 'value="68"' in html and 'value="55"' in html
    assert "schuldhulpverlening" in html
    assert "JC-1" in html and "seed 001" in html
    assert "Nog onbekend" in html and "Uitkering" in html and "Uren per week" in html
    assert "Toon het gesprek (2 berichten)" in html


def test_detail_tolerates_missing_advice_keys(client: TestClient, as_role, store: Store) -> None:
    store.save_intake("bare", status="complete", profile={}, advice={"route": "regulier"})
    as_role("klantbegeleider")
    html = client.get("/intakes/bare").text
    assert "Regulier werk" in html and "Naam onbekend" in html
    urgent = client.get("/intakes/urgent-1").text
    assert "Nog geen advies" in urgent and "acuut gevaar" in urgent
    assert 'id="keuze-advies" name="keuze" value="advies" disabled' in urgent


def test_override_with_reason(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("klantbegeleider")
    missing = client.post("/intakes/client-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "wmo", "reden": ""})
    assert missing.status_code == 400
    assert "Geef een reden" in missing.text
    assert 'value="wmo" selected' in missing.text  # the form keeps what was entered
    assert store.get_intake("client-1")["decision"] is None
    response = client.post("/intakes/client-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "wmo",
        "reden": "Eerst de schulden en de woning"}, follow_redirects=False)
    assert response.status_code == 303
    decision = store.get_intake("client-1")["decision"]
    assert decision["chosen_route"] == "wmo" and not decision["follows_advice"]
    assert decision["reason"] == "Eerst de schulden en de woning" and decision["by"] == "kim"
    page = client.get(response.headers["location"]).text
    assert "Het besluit is opgeslagen." in page and "Andere route gekozen" in page
    assert store.get_intake("client-1")["review_status"] == "in_behandeling"
    assert any(e["action"] == "decision" and e["actor"] == "kim"
               for e in store.audit_entries(sender_id="client-1"))


def test_accept_advice_and_status_and_notes(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("klantbegeleider")
    client.post("/intakes/client-1/besluit", data={"csrf_token": csrf, "keuze": "advies"})
    assert store.get_intake("client-1")["decision"]["follows_advice"] is True
    assert client.post("/intakes/client-1/status",
                       data={"csrf_token": csrf, "status": "afgerond"}).status_code == 200
    assert store.get_intake("client-1")["review_status"] == "afgerond"
    assert client.post("/intakes/client-1/status",
                       data={"csrf_token": csrf, "status": "weg"}).status_code == 400
    empty = client.post("/intakes/client-1/notities", data={"csrf_token": csrf, "tekst": " "})
    assert empty.status_code == 400 and "mag niet leeg" in empty.text
    client.post("/intakes/client-1/notities",
                data={"csrf_token": csrf, "tekst": "Voorbespreking dinsdag"})
    assert "Voorbespreking dinsdag" in client.get("/intakes/client-1").text
    assert client.post("/intakes/client-1/besluit",
                       data={"csrf_token": csrf, "keuze": "?"}).status_code == 400


def test_exports(client: TestClient, as_role, store: Store) -> None:
    as_role("klantbegeleider")
    pdf = client.get("/intakes/client-1/samenvatting.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "attachment" in pdf.headers["content-disposition"]
    exported = client.get("/intakes/client-1/export.json")
    data = json.loads(exported.content)
    assert data["sender_id"] == "client-1" and data["transcript"][1]["text"].startswith("Ik wil")
    actions = {e["action"] for e in store.audit_entries(sender_id="client-1")}
    assert {"export_pdf", "export_json"} <= actions


def test_pdf_handles_unicode_names(client: TestClient, as_role, store: Store) -> None:
    store.save_intake("u1", status="complete", profile={"name": "Şükrü Łukasz “Ö” €"},
                      advice={"route": "ips"}, summary_text="Tekst — met ‘tekens’ 😀")
    as_role("klantbegeleider")
    pdf = client.get("/intakes/u1/samenvatting.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_every_view_is_audited(client: TestClient, as_role, store: Store) -> None:
    as_role("klantbegeleider")
    client.get("/intakes")
    client.get("/intakes/pupil-1")
    actions = [(e["actor"], e["action"], e["sender_id"]) for e in store.audit_entries()]
    assert ("kim", "view", "pupil-1") in actions and ("kim", "list", None) in actions


def test_figures_page_has_chart_and_numbers(client: TestClient, as_role) -> None:
    csrf = as_role("klantbegeleider")
    client.post("/intakes/client-1/besluit", data={"csrf_token": csrf, "keuze": "advies"})
    client.post("/intakes/pupil-1/besluit", data={
        "csrf_token": csrf, "keuze": "anders", "route": "jobcoaching", "reden": "r"})
    html = client.get("/cijfers?weken=4").text
    assert "<svg" in html and "<rect" in html and 'role="img"' in html
    assert "Laatste 4 weken" in html
    assert "50%" in html  # agreement: 1 of 2
    assert "25%" in html  # urgent share: 1 of 4
    assert "<td>Wmo</td><td>Jobcoaching</td><td>1</td>" in html


def test_beheer_users(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("beheerder")
    weak = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "nieuw", "role": "klantbegeleider", "password": "kort"})
    assert weak.status_code == 400 and "10 tekens" in weak.text
    ok = client.post("/beheer/gebruikers", data={
        "csrf_token": csrf, "username": "pro", "role": "school", "school_name": "PrO Oost",
        "display_name": "<b>Piet</b>", "password": "een lang wachtwoord"},
        follow_redirects=False)
    assert ok.status_code == 303
    page = client.get("/beheer/gebruikers").text
    assert "&lt;b&gt;Piet&lt;/b&gt;" in page
    new_user = next(u for u in store.list_users() if u["username"] == "pro")
    client.post(f"/beheer/gebruikers/{new_user['id']}/actief",
                data={"csrf_token": csrf, "actief": "0"})
    assert not next(u for u in store.list_users() if u["username"] == "pro")["active"]
    other = TestClient(client.app)
    assert login(other, "pro", "een lang wachtwoord").status_code == 401


def test_beheer_retention_and_purge(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("beheerder")
    page = client.get("/beheer/bewaartermijnen")
    assert page.status_code == 200 and 'value="30"' in page.text and 'value="365"' in page.text
    bad = client.post("/beheer/bewaartermijnen", data={"csrf_token": csrf, "transcript_days": "0"})
    assert bad.status_code == 400
    ok = client.post("/beheer/bewaartermijnen",
                     data={"csrf_token": csrf, "summary_days": "730"}, follow_redirects=False)
    assert ok.status_code == 303
    assert 'value="730"' in client.get("/beheer/bewaartermijnen").text
    purged = client.post("/beheer/opschonen", data={"csrf_token": csrf})
    assert purged.status_code == 200 and "Opgeschoond" in purged.text
    assert store.count_intakes() == 4  # nothing was old enough


def test_beheer_inzage_and_erasure(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("beheerder")
    found = client.get("/beheer/personen?q=sanne").text
    assert "client-1" in found
    inzage = client.post("/beheer/personen/inzage", data={"csrf_token": csrf,
                                                         "sender_id": "client-1"})
    assert inzage.status_code == 200
    document = json.loads(inzage.content)
    assert document["intake"]["sender_id"] == "client-1" and document["transcript"]
    assert client.post("/beheer/personen/inzage", data={
        "csrf_token": csrf, "sender_id": "nobody"}).status_code == 404
    mismatch = client.post("/beheer/personen/wissen", data={
        "csrf_token": csrf, "sender_id": "client-1", "bevestiging": "client-2"})
    assert mismatch.status_code == 400 and store.get_intake("client-1") is not None
    erased = client.post("/beheer/personen/wissen", data={
        "csrf_token": csrf, "sender_id": "client-1", "bevestiging": "client-1"})
    assert erased.status_code == 200 and "gewist" in erased.text
    assert store.get_intake("client-1") is None
    log = client.get("/beheer/logboek?action=erasure").text
    assert "gewist:" in log and "client-1" not in log


def test_home_redirects_by_role(client: TestClient) -> None:
    assert client.get("/werkplek", follow_redirects=False).headers["location"] == "/login"
    login(client, "admin", PASSWORD)
    assert client.get("/werkplek", follow_redirects=False).headers["location"] == "/beheer"
    csrf = csrf_from(client.get("/account/wachtwoord").text)
    assert csrf
