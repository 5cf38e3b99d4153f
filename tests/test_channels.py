"""The REST channel's door and its answer when a turn fails (components/channels.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

from bot.conversation import catalogue as cat
from components.channels import (
    MAX_SENDER,
    BadRequest,
    ChatRateLimit,
    RestInput,
    handle,
    parse_body,
)

DOMAIN = Domain.load("domain.yml")


def body(value) -> bytes:  # noqa: ANN001
    return json.dumps(value).encode()


def test_a_good_body_is_read() -> None:
    assert parse_body(body({"sender": "s-1", "message": "hoi"})) == ("s-1", "hoi", None)
    assert parse_body(body({"sender": "s", "message": "", "metadata": {"a": 1}})) == (
        "s", "", {"a": 1}
    )


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"", "body"),
        (b"not json", "body"),
        (b"\xff\xfe", "body"),
        (body([]), "body"),
        (body("hoi"), "body"),
        (body(5), "body"),
        (body(None), "body"),
        (body({"message": "hoi"}), "sender"),  # no shared "default" conversation
        (body({"sender": "", "message": "hoi"}), "sender"),
        (body({"sender": 12, "message": "hoi"}), "sender"),
        (body({"sender": "x" * (MAX_SENDER + 1), "message": "hoi"}), "sender"),
        (body({"sender": "a\nb", "message": "hoi"}), "sender"),
        (body({"sender": "s"}), "message"),
        (body({"sender": "s", "message": 5}), "message"),
        (body({"sender": "s", "message": {"text": "hoi"}}), "message"),
        (body({"sender": "s", "message": "x" * 20_001}), "message"),
        (body({"sender": "s", "message": "hoi", "metadata": "x"}), "metadata"),
        (body({"sender": "s", "message": "hoi", "metadata": {"x": "y" * 3000}}), "metadata"),
    ],
)
def test_a_bad_body_is_refused_naming_the_field(raw: bytes, field: str) -> None:
    with pytest.raises(BadRequest) as refused:
        parse_body(raw)
    assert refused.value.field == field


def test_the_channel_keeps_rasas_url() -> None:
    assert RestInput.name() == "rest"


def collect(on_new_message) -> list[dict]:  # noqa: ANN001
    return asyncio.run(handle(on_new_message, "s-1", "mijn antwoord", None, "rest"))


def test_answers_pass_through_unchanged() -> None:
    async def on_new_message(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, "Hoe oud ben je?")

    assert collect(on_new_message) == [{"recipient_id": "s-1", "text": "Hoe oud ben je?"}]


def test_an_unreachable_action_server_gives_the_calm_message_without_the_text_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def on_new_message(message: UserMessage) -> None:
        action = RemoteAction("validate_intake_form", EndpointConfig("http://127.0.0.1:9/webhook"))
        tracker = DialogueStateTracker.from_events(message.sender_id, [], DOMAIN.slots)
        # What Rasa's processor does with the error: log it and go on; the events are lost.
        with contextlib.suppress(RasaException):
            await action.run(message.output_channel, None, tracker, DOMAIN)

    with caplog.at_level(logging.INFO):
        answers = collect(on_new_message)
    assert answers == [{"recipient_id": "s-1", "text": cat.text("outage")}]
    assert "storing" in answers[0]["text"] and "nog een keer" in answers[0]["text"]
    assert "validate_intake_form" in caplog.text
    assert "mijn antwoord" not in caplog.text


@pytest.mark.parametrize("failure", [RuntimeError("boom"), asyncio.CancelledError()])
def test_a_turn_that_fails_or_says_nothing_is_told_honestly(
    failure: BaseException, caplog: pytest.LogCaptureFixture
) -> None:
    async def failing(message: UserMessage) -> None:
        raise failure

    async def silent(message: UserMessage) -> None:
        return None

    with caplog.at_level(logging.INFO):
        for on_new_message in (failing, silent):
            assert collect(on_new_message)[-1]["text"] == cat.text("outage")
    assert "mijn antwoord" not in caplog.text


# --- the rate limit ----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(**kwargs) -> tuple[ChatRateLimit, Clock]:  # noqa: ANN003
    clock = Clock()
    return ChatRateLimit(clock=clock, **kwargs), clock


def test_a_sender_may_send_the_limit_in_the_window_then_waits_until_the_oldest_expires() -> None:
    limit, clock = limiter(per_sender=3, per_address=0, window=60)
    for _ in range(3):
        assert limit.check("s-1", None) is None
        clock.now += 10
    assert limit.check("s-1", None) == 30  # the first message leaves the window in 30 s
    assert limit.check("s-2", None) is None  # another person is not held up
    clock.now += 29.5
    assert limit.check("s-1", None) == 1
    clock.now += 0.5
    assert limit.check("s-1", None) is None  # a sliding window, not a fixed minute


def test_refused_messages_are_not_counted() -> None:
    limit, clock = limiter(per_sender=2, per_address=0, window=60)
    assert limit.check("s", None) is None and limit.check("s", None) is None
    for _ in range(50):  # hammering does not make the wait longer
        assert limit.check("s", None) == 60
    clock.now += 60
    assert limit.check("s", None) is None


def test_one_address_is_limited_over_all_its_senders() -> None:
    limit, _ = limiter(per_sender=30, per_address=5, window=60)
    for i in range(5):
        assert limit.check(f"s-{i}", "203.0.113.7") is None
    assert limit.check("new-sender", "203.0.113.7") == 60
    assert limit.check("new-sender", "198.51.100.2") is None  # another address
    # A sender refused for its address was not counted for itself.
    assert limit.check("new-sender", None) is None


def test_a_limit_of_zero_is_off() -> None:
    limit, _ = limiter(per_sender=0, per_address=0)
    assert all(limit.check("s", "203.0.113.7") is None for _ in range(1000))
    assert len(limit) == 0


def test_idle_counters_are_removed_so_memory_stays_bounded() -> None:
    limit, clock = limiter(per_sender=30, per_address=0, window=60)
    for i in range(ChatRateLimit.SWEEP_EVERY - 1):
        limit.check(f"s-{i}", None)
    assert len(limit) == ChatRateLimit.SWEEP_EVERY - 1
    clock.now += 61
    limit.check("late", None)  # the 1000th check sweeps
    assert len(limit) == 1


def test_the_client_address_trusts_forwarded_for_only_from_trusted_proxies() -> None:
    limit = ChatRateLimit(trusted_proxies="127.0.0.0/8,::1,10.0.0.0/8")
    assert limit.client_address("203.0.113.7", None) == "203.0.113.7"
    # A client cannot choose its own address by sending the header itself.
    assert limit.client_address("203.0.113.7", "198.51.100.1") == "203.0.113.7"
    # nginx (loopback) appended the client; a proxy chain is walked from the right.
    assert limit.client_address("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert limit.client_address("127.0.0.1", "198.51.100.1, 203.0.113.7, 10.1.2.3") == (
        "203.0.113.7"
    )
    # A local client (the web app's relay for a local browser, a test): per sender only.
    assert limit.client_address("127.0.0.1", None) is None
    assert limit.client_address("::1", "127.0.0.1") is None
    assert limit.client_address("::ffff:127.0.0.1", "203.0.113.7") == "203.0.113.7"
    assert limit.client_address(None, None) is None


def test_the_limits_come_from_the_environment() -> None:
    limit = ChatRateLimit.from_env({})
    assert (limit.per_sender, limit.per_address, limit.window) == (30, 300, 60)
    limit = ChatRateLimit.from_env({
        "CHAT_LIMIT_PER_SENDER": "5", "CHAT_LIMIT_PER_ADDRESS": "0", "CHAT_LIMIT_WINDOW": "10",
        "CHAT_TRUSTED_PROXIES": "192.0.2.0/24, nonsense",
    })
    assert (limit.per_sender, limit.per_address, limit.window) == (5, 0, 10)
    assert limit.client_address("192.0.2.9", "203.0.113.7") == "203.0.113.7"
    assert ChatRateLimit.from_env({"CHAT_LIMIT_PER_SENDER": "veel"}).per_sender == 30


def serve_channel(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, requests) -> list:  # noqa: ANN001
    """Run the channel in a real Sanic server on a free port; ``requests(session, url)`` talks
    to it. Returns what ``requests`` returned and the messages that reached Rasa."""
    import aiohttp
    from sanic import Sanic

    from tests.e2e.stack import free_port

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    # Sanic rewrites its protocol class once per process unless in test mode (two servers).
    monkeypatch.setattr(Sanic, "test_mode", True)
    handled: list[str] = []

    async def on_new_message(message: UserMessage) -> None:
        handled.append(message.text)
        await message.output_channel.send_text_message(message.sender_id, "Hoe oud ben je?")

    app = Sanic(f"channel_test_{free_port()}")
    app.blueprint(RestInput().blueprint(on_new_message), url_prefix="/webhooks/rest")

    async def main():  # noqa: ANN202
        port = free_port()
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True,
                                         access_log=False)
        await server.startup()
        try:
            async with aiohttp.ClientSession() as session:
                return await requests(session, f"http://127.0.0.1:{port}/webhooks/rest/webhook")
        finally:
            server.close()
            await server.wait_closed()

    return [asyncio.run(main()), handled]


def test_the_channel_answers_429_with_dutch_text_and_retry_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def requests(session, url):  # noqa: ANN001, ANN202
        out = []
        for sender, forwarded in [("a", None), ("a", None), ("a", None), ("b", "203.0.113.7"),
                                  ("c", "203.0.113.7"), ("d", "198.51.100.1")]:
            headers = {"X-Forwarded-For": forwarded} if forwarded else {}
            async with session.post(url, json={"sender": sender, "message": "hoi"},
                                    headers=headers) as r:
                out.append((r.status, r.headers.get("Retry-After"), await r.json()))
        return out

    env = {"CHAT_LIMIT_PER_SENDER": "2", "CHAT_LIMIT_PER_ADDRESS": "1"}
    answers, handled = serve_channel(env, monkeypatch, requests)
    assert [status for status, _, _ in answers] == [200, 200, 429, 200, 429, 200]
    status, retry_after, refused = answers[2]
    assert retry_after == "60" and refused["retry_after"] == 60
    assert refused["text"] == cat.text("too_many_messages", wait="60 seconden")
    assert "Wacht even" in refused["text"] and "bewaard" in refused["text"]
    assert answers[4][2]["text"].startswith("Je stuurt veel berichten")
    assert handled == ["hoi"] * 4  # refused messages never reached Rasa


def test_a_message_over_the_limit_is_told_it_is_too_long(monkeypatch: pytest.MonkeyPatch) -> None:
    async def requests(session, url):  # noqa: ANN001, ANN202
        async with session.post(url, json={"sender": "s", "message": "x" * 20_001}) as r:
            return r.status, await r.json()

    (status, body), handled = serve_channel({}, monkeypatch, requests)
    assert status == 400 and body["field"] == "message"
    assert body["text"] == cat.text("message_too_long") and handled == []
