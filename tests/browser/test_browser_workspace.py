"""A klantbegeleider in real headless Chromium: log in, find today's urgent intake, read the
advice, override it with a reason, download the PDF. Plus axe-core on the main pages."""

from __future__ import annotations

import pytest
from fixtures_db import PASSWORD

pytestmark = pytest.mark.browser


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def test_klantbegeleider_overrides_advice_and_downloads_pdf(live_server, browser) -> None:
    server, store = live_server
    context = browser.new_context(accept_downloads=True, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(server.url + "/werkplek")
    assert page.url.endswith("/login")
    assert serious_violations(page) == []
    page.get_by_label("Gebruikersnaam").fill("kim")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/intakes")

    # Find today's urgent intake the way a new user would: the quick link, urgent on top.
    page.get_by_role("link", name="Vandaag binnengekomen").click()
    page.wait_for_url("**/intakes?van=*")
    first_row = page.locator("tbody tr").first
    assert "Urgent" in first_row.inner_text()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Noor Vandaag").click()
    page.wait_for_url("**/intakes/urgent-today")

    # Why the advice is what it is.
    assert page.get_by_role("heading", name="Waarom dit advies").is_visible()
    assert page.get_by_text("In behandeling bij een GGZ-team en wil werken.").is_visible()
    assert "acuut gevaar" in page.locator(".alert-urgent").inner_text()
    assert serious_violations(page) == []

    # Record a different decision; the reason is required.
    page.get_by_label("Een andere route kiezen").check()
    page.get_by_label("Route", exact=True).select_option("wmo")
    page.get_by_label("Reden").fill("Eerst veiligheid en behandeling; werk over drie maanden.")
    page.get_by_role("button", name="Besluit opslaan").click()
    page.wait_for_url("**/intakes/urgent-today?melding=besluit*")
    assert page.get_by_role("status").filter(has_text="Het besluit is opgeslagen.").is_visible()
    decision = store.get_intake("urgent-today")["decision"]
    assert decision["chosen_route"] == "wmo" and decision["follows_advice"] is False
    assert decision["reason"].startswith("Eerst veiligheid")

    # The PDF for the client dossier.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Samenvatting als PDF (dossier)").click()
    download = download_info.value
    assert download.suggested_filename == "samenvatting-urgent-today.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    actions = {e["action"] for e in store.audit_entries(sender_id="urgent-today")}
    assert {"view", "decision", "export_pdf"} <= actions
    context.close()


def test_other_pages_pass_axe(live_server, browser) -> None:
    server, _ = live_server
    page = browser.new_page()
    page.goto(server.url + "/login")
    page.get_by_label("Gebruikersnaam").fill("admin")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/beheer/gebruikers")
    failures = {}
    for path in ("/beheer/gebruikers", "/beheer/bewaartermijnen", "/beheer/personen?q=a",
                 "/beheer/logboek", "/cijfers", "/account/wachtwoord"):
        page.goto(server.url + path)
        found = serious_violations(page)
        if found:
            failures[path] = found
    assert failures == {}
    page.close()
