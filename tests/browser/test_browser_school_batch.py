"""A school pre-screens a class from a spreadsheet in real headless Chromium: upload a CSV with
one bad row, read the advice per pupil with its reasons and the error naming the column,
correct the row (assessed again at once), send the list; the klantbegeleider then sees it.
On a phone-sized window, with axe-core on every page. Screenshots: test-results/school/."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_db import PASSWORD

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "school"
CLASS_CSV = (
    "naam;x_leerlingnummer;leeftijd;schooltype;uitstroomprofiel;overgangsdocument;stage;"
    "droombaan;wil_werken;uren_per_week;start_binnen_6_maanden;zelfstandig_minimumloon\n"
    "Daan;L-1;17;VSO;arbeidsmarkt;ja;goed;magazijn;ja;24;ja;nee\n"
    "Sara;L-2;18;VSO;arbeidsmarkt;komt nog;wisselend;dieren;ja;70;ja;nee\n"
    "Noah;L-3;17;PrO;;in_voorbereiding;lastig;kok;twijfel;16;ja;nee\n"
)


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v.get("impact") in ("serious", "critical")
    ]


def log_in(page, url: str, username: str) -> None:
    page.goto(url + "/werkplek")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/intakes")


def test_school_uploads_a_class_with_one_bad_row_and_sends_it(live_server, browser,
                                                               tmp_path) -> None:
    server, store = live_server
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="nl-NL",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, server.url, "sam")  # school account of "VSO De Brug"
    page.get_by_role("link", name="Schoollijsten").click()
    page.wait_for_url("**/scholen/lijsten")
    assert serious_violations(page) == []

    # The template, as a school would download it first.
    with page.expect_download() as info:
        page.get_by_role("link", name="Download het sjabloon (CSV)").click()
    header = Path(info.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("naam;x_leerlingnummer;leeftijd;schooltype;uitstroomprofiel")

    upload = tmp_path / "eindexamenklas.csv"
    upload.write_text(CLASS_CSV, encoding="utf-8")
    page.get_by_label("Naam van de lijst").fill("Schoolverlaters juni")
    page.get_by_label("Bestand (CSV of JSON)").set_input_files(str(upload))
    page.screenshot(path=str(SHOTS / "01-upload-form.png"), full_page=True)
    page.get_by_role("button", name="Uploaden en beoordelen").click()
    page.wait_for_url("**/scholen/lijsten/*?melding=gemaakt")
    page.screenshot(path=str(SHOTS / "02-list-with-bad-row.png"), full_page=True)
    assert serious_violations(page) == []

    # Two rows have their advice with reasons; the bad one names the field and the column.
    alert = page.get_by_role("alert").inner_text()
    assert "1 rij heeft een fout" in alert
    assert 'kolom "uren_per_week"' in alert and "70 ligt buiten 0–60" in alert
    daan = page.locator("#rij-1").inner_text()
    assert "Jobcoaching" in daan and "minimumloon" in daan
    assert "Fout in deze rij" in page.locator("#rij-2").inner_text()
    assert page.locator("#rij-3").inner_text().count("Fout") == 0

    # Sending is refused while a row is wrong; the list stays as it was.
    page.get_by_role("button", name="Lijst versturen naar de gemeente").click()
    refused = page.get_by_role("alert").first.inner_text()
    assert "Verbeter eerst de rijen met een fout (rij 2)" in refused

    # Correct the row: the form marks the bad cell, and saving assesses the row again.
    page.get_by_role("link", name="Rij 2 verbeteren").click()
    cell = page.get_by_label("uren_per_week", exact=True)
    assert cell.get_attribute("aria-invalid") == "true" and cell.input_value() == "70"
    assert serious_violations(page) == []
    page.screenshot(path=str(SHOTS / "03-correct-row.png"), full_page=True)
    cell.fill("20")
    page.get_by_role("button", name="Opslaan en opnieuw beoordelen").click()
    page.wait_for_url("**/scholen/lijsten/*?melding=rij*")
    assert "Fout in deze rij" not in page.locator("#rij-2").inner_text()
    assert "Jobcoaching" in page.locator("#rij-2").inner_text()

    page.get_by_role("button", name="Lijst versturen naar de gemeente").click()
    page.wait_for_url("**/scholen/lijsten/*?melding=verstuurd")
    assert "verstuurd op" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Rij 1 verbeteren").count() == 0  # read-only now
    page.screenshot(path=str(SHOTS / "04-sent.png"), full_page=True)
    context.close()

    # The municipality sees the list in the workspace, with the advice per pupil.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, server.url, "kim")
    page.get_by_role("link", name="Schoollijsten").click()
    row = page.locator("tbody tr").filter(has_text="Schoolverlaters juni")
    assert "VSO De Brug" in row.inner_text() and "Verstuurd" in row.inner_text()
    row.get_by_role("link", name="Schoolverlaters juni").click()
    page.wait_for_url("**/scholen/lijsten/*")
    assert page.locator("#rij-3").inner_text().startswith("3")
    assert serious_violations(page) == []
    page.screenshot(path=str(SHOTS / "05-municipality-view.png"), full_page=True)
    context.close()

    actions = [e["action"] for e in store.audit_entries()]
    for action in ("batch_created", "batch_row_changed", "batch_sent", "batch_view"):
        assert action in actions, action
    kim_views = [e for e in store.audit_entries(actor="kim") if e["action"] == "batch_view"]
    assert kim_views
