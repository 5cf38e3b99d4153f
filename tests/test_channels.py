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
from components.channels import MAX_SENDER, BadRequest, RestInput, handle, parse_body

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
