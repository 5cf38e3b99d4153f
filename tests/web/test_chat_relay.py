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
