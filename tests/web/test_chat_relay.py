"""The chat page and its relay: public, validates input, fails kindly when Rasa is down."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.web.app import create_app


def client(monkeypatch) -> TestClient:
    monkeypatch.setenv("RASA_URL", "http://127.0.0.1:9")  # nothing listens there
    return TestClient(create_app())


def test_chat_page_is_public_and_dutch(monkeypatch) -> None:
    response = client(monkeypatch).get("/chat")
    assert response.status_code == 200
    assert 'lang="nl"' in response.text
    # The same widget as on the municipal page, shown in the page itself.
    assert 'src="/widget.js"' in response.text and 'data-container="#chat"' in response.text


def test_relay_refuses_malformed_messages(monkeypatch) -> None:
    c = client(monkeypatch)
    assert c.post("/chat/bericht", json={"sender": "short", "message": "hoi"}).status_code == 400
    assert c.post("/chat/bericht", json={"sender": "web-12345678", "message": 5}).status_code == 400
    assert c.post("/chat/bericht", content=b"{not json").status_code == 400


def test_relay_says_kindly_when_the_chat_server_is_down(monkeypatch) -> None:
    response = client(monkeypatch).post(
        "/chat/bericht", json={"sender": "web-12345678", "message": "hoi"}
    )
    assert response.status_code == 503
    assert "werkt nu even niet" in response.json()[0]["text"]


def test_relay_names_the_client_and_passes_the_rate_limit_on(monkeypatch) -> None:
    """The channel limits per client address: the relay says who the client is, and shows the
    channel's Dutch text with its Retry-After when a person sends too much."""
    import asyncio
    import threading

    from aiohttp import web

    seen: list[str | None] = []

    async def webhook(request: web.Request) -> web.Response:
        seen.append(request.headers.get("X-Forwarded-For"))
        return web.json_response({"error": "Too many messages", "text": "Wacht even."},
                                 status=429, headers={"Retry-After": "42"})

    loop = asyncio.new_event_loop()
    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    runner = web.AppRunner(app)
    loop.run_until_complete(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    loop.run_until_complete(site.start())
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{port}")
        response = TestClient(create_app()).post(
            "/chat/bericht", json={"sender": "web-12345678", "message": "hoi"}
        )
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
    assert response.status_code == 429 and response.headers["Retry-After"] == "42"
    assert response.json() == [{"text": "Wacht even."}]
    assert seen == ["testclient"]  # TestClient's client address
