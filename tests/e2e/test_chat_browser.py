"""A person uses the chat page in real headless Chromium (Debian's, via Playwright)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.browser]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def page():
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: apt-get install -y chromium", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
        yield browser.new_page()
        browser.close()


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']}" for v in violations if v.get("impact") in ("serious", "critical")
    ]


def test_chat_page_welcomes_takes_buttons_and_free_text(stack, page) -> None:
    """/chat shows the same widget as the municipal page, inside the page itself."""
    page.goto(f"{stack.web_url}/chat")
    page.get_by_text("Wie vult de vragen in?").wait_for(timeout=20_000)
    assert serious_violations(page) == []

    page.get_by_role("button", name="Ik vul het in voor mezelf").click()
    page.get_by_text("Hoe mag ik je noemen?").wait_for(timeout=20_000)
    page.get_by_label("Jouw antwoord").fill("Ik heet Jamal")
    page.get_by_role("button", name="Stuur").click()
    page.get_by_text("Hoe oud ben je?").wait_for(timeout=20_000)

    page.get_by_role("button", name="Meer hulp").click()
    page.get_by_role("button", name="Waarom vraag je dit?").click()
    page.get_by_text("andere regels").wait_for(timeout=20_000)

    sender = page.evaluate("JSON.parse(window.localStorage.getItem('intake-chat')).sender")
    status, body = stack.intake(sender)
    assert status == 200 and body["profile"]["name"] == "Jamal"
    assert serious_violations(page) == []
