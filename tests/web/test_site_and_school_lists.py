"""The public demo page and widget, and the schools' pre-screening lists over HTTP: who may
see and change what, per-row errors, corrections, sending, and the audit trail."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from bot.storage import Actor, Forbidden, Store
from bot.triage.batch import read_upload

CSV = (
    "naam;leeftijd;schooltype;uitstroomprofiel;uren_per_week;zelfstandig_minimumloon;wil_werken\n"
    "Daan;17;VSO;arbeidsmarkt;24;nee;ja\n"
    "Sara;18;VSO;werk;70;nee;ja\n"
)
SAM = Actor("sam", "school", None, None, "VSO De Brug")
OTHER = Actor("otto", "school", None, None, "PrO Oost")
KIM = Actor("kim", "klantbegeleider")


def inline_code(html: str) -> list[str]:
    """Inline scripts and styles, which the Content-Security-Policy would block."""
    return (re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) + re.findall(r"<style", html)
            + re.findall(r"\sstyle=", html))


def test_demo_page_is_dutch_with_the_widget_and_a_strict_csp(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and '<html lang="nl">' in page.text
    assert '<script src="/widget.js" defer' in page.text and 'data-privacy="/privacy"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "unsafe" not in csp
    for path in ("/", "/privacy", "/chat", "/login", "/?school=BBBB-2222"):
        assert inline_code(client.get(path).text) == [], path
    widget = client.get("/widget.js")
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "webhooks/rest/webhook" in widget.text and "speechSynthesis" in widget.text
    assert "max-age" in widget.headers["cache-control"]
    assert "bewaren we" in client.get("/privacy").text


def test_workspace_entry_moved_to_werkplek(client: TestClient) -> None:
    assert client.get("/werkplek", follow_redirects=False).headers["location"] == "/login"
    assert "Werkplek voor medewerkers" in client.get("/").text


def test_school_link_names_the_school_and_an_unknown_one_says_so(client, store: Store) -> None:
    code = store.renew_school_code("VSO De Brug", Actor("admin", "beheerder"))
    page = client.get(f"/?school={code[:4]}-{code[4:]}").text
    assert "leerling van <strong>VSO De Brug</strong>" in page
    assert "Deze schoollink kennen we niet" in client.get("/?school=BBBB-2222").text
    assert store.school_for_code(code.lower()) == "VSO De Brug"
    # A new code replaces the old one.
    newer = store.renew_school_code("VSO De Brug", Actor("admin", "beheerder"))
    assert store.school_for_code(code) is None and store.school_for_code(newer) == "VSO De Brug"


def test_school_uploads_corrects_and_sends(client: TestClient, as_role, store: Store) -> None:
    csrf = as_role("school")
    template = client.get("/scholen/sjabloon.csv")
    assert template.text.lstrip("\ufeff").startswith("naam;x_leerlingnummer;leeftijd")
    response = client.post(
        "/scholen/lijsten", data={"csrf_token": csrf, "titel": "Juni"},
        files={"bestand": ("klas.csv", CSV.encode(), "text/csv")}, follow_redirects=False,
    )
    assert response.status_code == 303
    batch_url = response.headers["location"].split("?")[0]
    page = client.get(batch_url).text
    assert "1 rij heeft een fout" in page
    assert 'kolom "uitstroomprofiel"' in page and 'kolom "uren_per_week"' in page
    assert "Jobcoaching" in page  # the good row has its advice

    # Sending with a bad row is refused; correcting it assesses it again.
    refused = client.post(batch_url + "/versturen", data={"csrf_token": csrf})
    assert refused.status_code == 400 and "Verbeter eerst" in refused.text
    form = client.get(batch_url + "/rij/2").text
    fields = dict(re.findall(r'name="(cel-\d+)" value="([^"]*)"', form))
    fields.update({"cel-3": "arbeidsmarkt", "cel-4": "20", "csrf_token": csrf})
    saved = client.post(batch_url + "/rij/2", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    assert "rij heeft een fout" not in client.get(batch_url).text
    assert client.post(batch_url + "/versturen", data={"csrf_token": csrf},
                       follow_redirects=False).status_code == 303
    # Sent: read-only for the school.
    again = client.post(batch_url + "/rij/1/verwijderen", data={"csrf_token": csrf})
    assert again.status_code == 400 and "al verstuurd" in again.text
    export = client.get(batch_url + "/advies.csv").text
    assert "Daan;jobcoaching" in export and "Sara;jobcoaching" in export


def test_who_sees_which_list(store: Store) -> None:
    rows = read_upload("klas.csv", CSV.encode(), "VSO De Brug")
    batch_id = store.create_batch(SAM, "Juni", rows)
    # A concept is the school's own: not the municipality's, never another school's.
    assert store.list_batches(KIM) == []
    for actor in (KIM, OTHER):
        try:
            store.view_batch(batch_id, actor)
        except Forbidden:
            pass
        else:
            raise AssertionError(f"{actor.name} saw a list that is not theirs")
    assert store.list_batches(OTHER) == []
    store.delete_batch_row(batch_id, SAM, 2)
    store.send_batch(batch_id, SAM)
    assert [b["id"] for b in store.list_batches(KIM)] == [batch_id]
    seen = store.view_batch(batch_id, KIM)
    assert seen["first_viewed_at"] and seen["count"] == 1 and seen["rows"][0]["ok"]
    actions = [e["action"] for e in store.audit_entries()]
    assert {"batch_created", "batch_row_deleted", "batch_sent", "batch_view",
            "access_denied"} <= set(actions)


def test_a_bsn_in_a_list_is_never_stored(store: Store) -> None:
    rows = read_upload("klas.csv", b"naam;x_bsn;leeftijd\nDaan;111222333;17\n", "VSO De Brug")
    batch = store.view_batch(store.create_batch(SAM, "Juni", rows), SAM)
    stored = str(batch["rows"])
    assert "111222333" not in stored and "[BSN verwijderd]" in stored


def test_a_file_that_is_not_a_list_gets_a_clear_dutch_error(client: TestClient, as_role) -> None:
    csrf = as_role("school")
    for name, content, message in (
        ("leeg.csv", b"", "Het bestand is leeg"),
        ("kapot.json", b"[{", "Het JSON-bestand klopt niet"),
        ("kolom.csv", b"naam;schoenmaat\nDaan;42\n", "onbekende kolom"),
    ):
        response = client.post("/scholen/lijsten", data={"csrf_token": csrf, "titel": "x"},
                               files={"bestand": (name, content, "text/csv")})
        assert response.status_code == 400 and message in response.text, name
