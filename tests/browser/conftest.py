"""Browser-test fixtures: the real app under uvicorn on a free port, and headless Chromium.

Chromium is Debian's (``apt-get install chromium``), driven by Playwright for Python through
``executable_path``; ``playwright install`` is never needed. Set ``CHROMIUM_PATH`` to use
another binary.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[1]))  # for fixtures_db

import pytest  # noqa: E402
from fixtures_db import *  # noqa: E402,F403 (the store/db_url fixtures)

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Chromium not found at {path}: apt-get install -y chromium", pytrace=False)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, app, port: int) -> None:
        import uvicorn

        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                lifespan="on")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live_server(store, db_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, object]]:
    """The app on the parametrised backend (``store``: a SQLite file, or PostgreSQL)."""
    from fixtures_db import make_settings, seed

    from bot.web.app import create_app

    seed(store)
    # Today's urgent intake, finished, with an advice the coach will override.
    store.save_intake(
        "urgent-today", status="complete", urgent=True,
        profile={"name": "Noor Vandaag", "droombaan": "dierenverzorger", "crisis": True,
                 "in_ggz_treatment": True, "severe_mental_illness": True},
        advice={"route": "ips", "readiness": {"score": 41, "willen": 70, "kunnen": 40,
                "stabiliteit": 20}, "reasons": ["In behandeling bij een GGZ-team en wil werken."],
                "referrals": ["huisarts"], "urgent": True},
        summary_text="Noor wil dierenverzorger worden. Ze noemde gedachten aan de dood.",
        transcript=[{"role": "user", "text": "ik wil met dieren werken",
                     "ts": "2025-01-01T10:00:00+00:00"}],
    )
    app = create_app(make_settings(db_url, tmp_path), store=store)
    server = LiveServer(app, free_port())
    server.start()
    try:
        yield server, store
    finally:
        server.stop()


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield instance
        finally:
            instance.close()
