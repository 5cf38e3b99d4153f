"""The chat widget on the demo municipal page, used as a person would, in real headless Chromium
(Debian's, via Playwright) against the real stack (action server + Rasa + web app).

A complete intake on a phone-sized screen by clicking and typing, with a reload in the middle;
a keyboard-only intake; axe-core on the page with the widget open (desktop, 320 px, 200% zoom);
a school link that asks about the pupil, with the pupil then seen by the school in the
workspace. Screenshots of the key screens go to test-results/widget/ (look at them).
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

pytestmark = [pytest.mark.rasa, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "widget"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
WAIT = 30_000  # ms for one bot reply; Rasa on 2 shared cores can be slow


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: apt-get install -y chromium", pytrace=False)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
        yield instance
        instance.close()


def new_page(browser, viewport=None, **options):
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800},
                                  locale="nl-NL", accept_downloads=True, **options)
    page = context.new_page()
    page.set_default_timeout(WAIT)
    return page


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations if v.get("impact") in ("serious", "critical")
    ]


def bot_says(page, text: str) -> None:
    """Wait until the newest bot bubbles contain ``text`` (a screenshot when they do not)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.locator(".ichat-msg--bot").filter(has_text=text).last.wait_for(timeout=WAIT)
    except PlaywrightTimeout:
        shot(page, "failed-waiting-for-" + "".join(c for c in text if c.isalnum())[:30])
        raise


def replies_to(page, action, expect: str) -> None:
    """Do ``action`` (a click or Enter), wait for the bot's answer to it, and check that the
    new bubbles contain ``expect``: earlier bubbles with the same words do not count."""
    before = page.locator(".ichat-msg--bot").count()
    action()
    page.wait_for_function(
        "n => document.querySelectorAll('.ichat-msg--bot').length > n"
        " && !document.querySelector('.ichat-typing--on')", arg=before, timeout=WAIT,
    )
    new = " ".join(page.locator(".ichat-msg--bot").all_inner_texts()[before:])
    if expect.lower() not in new.lower():
        shot(page, "failed-waiting-for-" + "".join(c for c in expect if c.isalnum())[:30])
    assert expect.lower() in new.lower(), f"expected {expect!r} in the reply, got: {new}"


def answer(page, text: str, expect: str, label: str = "Jouw antwoord") -> None:
    page.get_by_label(label).fill(text)
    replies_to(page, lambda: page.get_by_role("button", name="Stuur").click(), expect)


def choose(page, title: str, expect: str) -> None:
    button = page.locator(".ichat-choices").get_by_role("button", name=title, exact=True)
    replies_to(page, button.click, expect)


def sender_of(page, key: str = "intake-chat") -> str:
    return page.evaluate(f"JSON.parse(window.localStorage.getItem('{key}')).sender")


# The answers of a complete intake: (how, text, what the bot asks next)
INTAKE = [
    ("click", "Ik vul het in voor mezelf", "Hoe mag ik je noemen"),
    ("type", "Ik heet Samira", "Hoe oud"),
    ("type", "23", "aan het werk"),
    ("click", "Ja, graag", "droombaan"),
    ("type", "Ik wil graag kok worden in een restaurant", "ander werk"),
    ("type", "afwassen of in een kantine werken is ook goed", "Waarom wil je"),
    ("type", "ik wil mijn eigen geld verdienen en leuke collega's", "Hoe belangrijk"),
    ("click", "8", "vertrouwen"),
    ("click", "6", "klaar"),
    ("click", "7", "opleiding"),
    ("type", "praktijkonderwijs", "gewerkt"),
    ("type", "stage in de keuken van een verzorgingshuis", "goed in"),
    ("type", "koken en netjes werken", "op tijd"),
    ("type", "gaat meestal goed", "uur per week"),
    ("type", "24 uur", "beginnen"),
    ("type", "zsm", "minimumloon"),
    ("type", "nee ik denk het niet", "hulp bij"),
    ("type", "hulp bij solliciteren en iemand die meegaat naar het gesprek", "Speelt er iets"),
    ("type", "ik heb best veel schulden", "Hoe gaat dat nu"),
    ("type", "het lukt niet zonder hulp", "GGZ"),
    ("type", "nee", "uitkering"),
    ("type", "bijstand", "bereiken"),
    ("type", "0612345678", "Klopt dit"),
]


def run(page, steps) -> None:
    for how, text, expect in steps:
        if how == "click":
            choose(page, text, expect)
        else:
            answer(page, text, expect)


def test_complete_intake_on_a_phone_with_a_reload_in_the_middle(stack, browser) -> None:
    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(stack.web_url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    shot(page, "01-phone-demo-page")
    page.get_by_role("button", name="Start de chat").first.click()
    bot_says(page, "Wie vult de vragen in?")
    shot(page, "02-phone-widget-welcome")
    # On a phone the chat fills the screen; the page behind it is out of reach meanwhile.
    box = page.locator("#ichat-panel").bounding_box()
    assert box and box["width"] == PHONE["width"] and box["height"] == PHONE["height"]
    assert page.locator("main#inhoud").evaluate("el => el.inert") is True

    run(page, INTAKE[:6])
    sender = sender_of(page)
    shot(page, "03-phone-mid-intake")

    # A reload in the middle: the same conversation, the history back on the screen.
    page.reload()
    bot_says(page, "Waarom wil je")
    assert page.locator(".ichat-msg--user").filter(has_text="kok worden").count() == 1
    assert sender_of(page) == sender
    shot(page, "04-phone-after-reload")
    run(page, INTAKE[6:])
    shot(page, "05-phone-readback")
    choose(page, "Ja, dit klopt", "advies")
    page.get_by_role("button", name="Samenvatting downloaden").wait_for()
    shot(page, "06-phone-advice-and-summary")

    with page.expect_download() as info:
        page.get_by_role("button", name="Samenvatting downloaden").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    assert "Samenvatting van je gesprek over werk" in text
    assert "kok" in text and "Het advies" in text

    status, body = stack.intake(sender)
    assert status == 200 and body["status"] == "complete"
    assert body["profile"]["name"] == "Samira" and body["profile"]["hours_per_week"] == 24
    assert body["advice"]["route"] == "jobcoaching"
    page.context.close()


def test_keyboard_only_intake(stack, browser) -> None:
    page = new_page(browser)
    page.goto(stack.web_url + "/")
    # Tab from the top of the page to the "Start de chat" button, then Enter.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Start de chat":
            break
    else:
        pytest.fail("'Start de chat' is not reachable with Tab")
    page.keyboard.press("Enter")
    bot_says(page, "Wie vult de vragen in?")
    # Focus went to the first answer button, and it is visibly focused.
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Ik vul het in voor mezelf"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    shot(page, "10-keyboard-focus-on-answer-button")
    replies_to(page, lambda: page.keyboard.press("Enter"), "Hoe mag ik je noemen")
    assert page.evaluate("document.activeElement.id") == "ichat-input"

    def type_answer(text: str, expect: str) -> None:
        page.keyboard.type(text)
        replies_to(page, lambda: page.keyboard.press("Enter"), expect)

    type_answer("Mo", "Hoe oud")
    # Escape closes the chat and gives focus back; Enter opens it again, nothing is lost.
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Start de chat"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ichat-input"
    for _how, text, expect in INTAKE[2:]:
        type_answer({"Ja, graag": "ja"}.get(text, text), expect)
    shot(page, "11-keyboard-readback")
    # The answer buttons are reachable with Shift+Tab from the text box; Enter chooses.
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Ja, dit klopt":
            break
    else:
        pytest.fail("the answer buttons are not reachable with Shift+Tab")
    replies_to(page, lambda: page.keyboard.press("Enter"), "advies")
    # After the advice, the summary buttons are reachable by keyboard too.
    page.get_by_role("button", name="Samenvatting printen").focus()
    shot(page, "12-keyboard-advice")
    status, body = stack.intake(sender_of(page))
    assert body["status"] == "complete" and body["profile"]["name"] == "Mo"
    page.context.close()


@pytest.mark.parametrize(
    ("name", "viewport"),
    [("desktop", {"width": 1280, "height": 800}), ("320px", {"width": 320, "height": 640}),
     ("zoom-200", {"width": 640, "height": 400})],
)
def test_axe_on_the_demo_page_with_the_widget_open(stack, browser, name, viewport) -> None:
    page = new_page(browser, viewport)
    page.goto(stack.web_url + "/")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Start de chat").first.click()
    bot_says(page, "Wie vult de vragen in?")
    choose(page, "Ik vul het in voor mezelf", "Hoe mag ik je noemen")
    assert serious_violations(page) == []
    # "Praat met een mens": the bot's answer, and the municipality's numbers as links.
    replies_to(page, page.get_by_role("button", name="Praat met een mens").click, "Bel")
    contact = page.locator(".ichat-contact")
    assert contact.get_by_role("link", name="Bel 14 020").get_attribute("href") == "tel:14020"
    assert serious_violations(page) == []
    # Nothing sticks out sideways: no horizontal scrolling at this width.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    panel = page.locator("#ichat-panel").bounding_box()
    assert panel and panel["x"] >= 0 and panel["x"] + panel["width"] <= viewport["width"]
    shot(page, f"20-axe-{name}")
    page.context.close()


def test_school_link_asks_about_the_pupil_and_the_school_sees_it(stack, browser) -> None:
    from bot.storage import Actor, Store

    store = Store(stack.env()["DATABASE_URL"])
    school = f"VSO De Brug {uuid.uuid4().hex[:4]}"
    username = f"school{uuid.uuid4().hex[:6]}"
    store.create_user(username, "correct horse battery", "school", school_name=school)
    code = store.renew_school_code(school, Actor("beheer", "beheerder"))
    store.dispose()

    page = new_page(browser, PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{stack.web_url}/?school={code[:4]}-{code[4:]}")
    assert school in page.locator(".site-school").inner_text()
    page.get_by_role("button", name="Start de vragen over een leerling").click()
    bot_says(page, "leerling van " + school)
    bot_says(page, "Wat voor school")
    shot(page, "30-school-link-welcome")
    steps = [
        ("click", "Voortgezet speciaal onderwijs (VSO)", "uitstroomprofiel"),
        ("click", "Arbeidsmarkt", "voornaam van de leerling"),
        ("type", "Daan", "Hoe oud is Daan"),
        ("type", "17", "Wil Daan graag"),
        ("click", "Ja, graag", "droombaan van Daan"),
        ("type", "magazijnmedewerker", "ander werk"),
        ("type", "vakken vullen", "Waarom wil Daan"),
        ("type", "eigen geld verdienen", "Hoe belangrijk"),
        ("click", "8", "vertrouwen"),
        ("click", "7", "klaar"),
        ("click", "7", "van school"),  # the education is the school itself: not asked
        ("click", "Aan het eind van dit schooljaar", "gewerkt"),
        ("type", "stage in een magazijn", "Hoe gingen de stages"),
    ]
    for how, text, expect in steps:
        if how == "click":
            choose(page, text, expect)
        else:
            answer(page, text, expect, label="Uw antwoord")
    shot(page, "31-school-stage-question")
    page.get_by_role("button", name="Meer hulp").click()
    replies_to(page, page.get_by_role("button", name="Waarom vraag je dit?").click,
               "Op stage leert een leerling werken")
    choose(page, "Goed", "praktijkverklaring")
    choose(page, "Komt nog", "overgangsdocument")
    choose(page, "Nee", "goed in")
    sender = sender_of(page, f"intake-chat-school-{code[:4]}-{code[4:]}")
    status, body = stack.intake(sender)
    assert body["profile"]["respondent"] == "school"
    assert body["profile"]["school"]["name"] == school
    assert body["profile"]["school"]["stage"] == "goed"
    assert body["profile"]["school"]["praktijkverklaring"] == "in_voorbereiding"
    assert body["profile"]["school"]["overgangsdocument"] == "nee"

    # The school sees its pupil in the workspace: the code gave the exact school name.
    work = new_page(browser)
    work.goto(stack.web_url + "/werkplek")
    work.get_by_label("Gebruikersnaam").fill(username)
    work.get_by_label("Wachtwoord").fill("correct horse battery")
    work.get_by_role("button", name="Inloggen").click()
    work.wait_for_url("**/intakes")
    assert work.get_by_role("link", name="Daan").count() == 1
    work.context.close()
    page.context.close()
