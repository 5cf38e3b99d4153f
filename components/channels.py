"""The chat's REST channel: Rasa's ``RestInput`` (same URL and answers, contract §1) with a
strict door and an honest answer when something behind it fails.

* A request that is not ``{"sender": "<id>", "message": "<text>"}`` gets HTTP 400 with a
  clear error (Rasa would answer 500, or put every client without a sender into one shared
  conversation ``default``). The sender id is at most ``MAX_SENDER`` characters: longer ids
  would not fit the databases' columns and the whole intake would be lost.
* When the action server cannot be reached, or a turn fails half-way, Rasa answers 200 with
  nothing, and the person's message is silently dropped. Here the person hears that there is
  a disturbance, that the answers so far are kept and to send the last message again; the
  form asks the same question, so nothing is stored under the wrong one.
* When the tracker store cannot be reached, the message is not handled at all (Rasa would
  go on with an empty conversation in memory): the person hears the same calm message.
* No message text in the logs: it is personal data (Rasa logs it on every failure).

credentials.yml::

    components.channels.RestInput:
"""

from __future__ import annotations

import contextvars
import json
import logging
import unicodedata
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.conversation import catalogue as cat
from components import server_speedups
from components.tracker_store import tracker_store_available

logger = logging.getLogger(__name__)

MAX_SENDER = 128
MAX_MESSAGE = 20_000  # characters; the NLU reads the first 1,000 and the bot says so
MAX_METADATA = 2_000  # bytes of JSON

# Failures of custom actions during the current message (one list per request).
_failures: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "intake_action_failures", default=None
)


def _record_failures() -> None:
    """Make ``RemoteAction.run`` note a failure for the channel before Rasa swallows it."""
    if getattr(RemoteAction.run, "_records_failures", False):
        return
    original = RemoteAction.run

    async def run(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
        try:
            return await original(self, *args, **kwargs)
        except Exception:
            failures = _failures.get()
            if failures is not None:
                failures.append(self.name())
            raise

    run._records_failures = True  # type: ignore[attr-defined]
    RemoteAction.run = run  # type: ignore[method-assign]


_record_failures()


class BadRequest(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _has_control_chars(value: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in value)


def parse_body(raw: bytes) -> tuple[str, str, dict[str, Any] | None]:
    """(sender, message, metadata) from a request body, or ``BadRequest`` naming the field."""
    try:
        body = json.loads(raw or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("body", 'Send JSON: {"sender": ..., "message": ...}.') from None
    if not isinstance(body, dict):
        raise BadRequest("body", "The body must be a JSON object with sender and message.")
    sender = body.get("sender")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest("sender", "sender is required: a non-empty string.")
    if len(sender) > MAX_SENDER or _has_control_chars(sender):
        raise BadRequest(
            "sender", f"sender must be at most {MAX_SENDER} characters, without control characters."
        )
    message = body.get("message")
    if not isinstance(message, str):
        raise BadRequest("message", "message is required: a string.")
    if len(message) > MAX_MESSAGE:
        raise BadRequest("message", f"message must be at most {MAX_MESSAGE} characters.")
    metadata = body.get("metadata")
    if metadata is not None and (
        not isinstance(metadata, dict) or len(json.dumps(metadata)) > MAX_METADATA
    ):
        raise BadRequest(
            "metadata", f"metadata must be a JSON object of at most {MAX_METADATA} bytes."
        )
    return sender, message, metadata


def _error(error: BadRequest) -> HTTPResponse:
    return response.json(
        {
            "error": str(error),
            "field": error.field,
            "text": cat.text("bad_request"),
        },
        status=400,
    )


async def handle(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    sender: str,
    message: str,
    metadata: dict[str, Any] | None,
    channel: str,
) -> list[dict[str, Any]]:
    """Run one message through Rasa and return the answers, with the outage note if needed."""
    collector = CollectingOutputChannel()
    failures: list[str] = []
    token = _failures.set(failures)
    failed = False
    try:
        await on_new_message(
            UserMessage(message, collector, sender, input_channel=channel, metadata=metadata)
        )
    except CancelledError:
        logger.error("chat turn timed out (%d characters)", len(message))
        failed = True
    except Exception as exc:  # the text is personal data: log its size, not its words
        logger.error("chat turn failed: %s (%d characters)", type(exc).__name__, len(message))
        failed = True
    finally:
        _failures.reset(token)
    if failures:
        logger.error("chat turn: custom action(s) failed: %s", ", ".join(failures))
    if failed or failures or not collector.messages:
        collector.messages.append({"recipient_id": sender, "text": cat.text("outage")})
    return collector.messages


class RestInput(RasaRestInput):
    """Rasa's REST channel under its own name (``/webhooks/rest/webhook``), guarded."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = Blueprint("intake_rest_webhook", __name__)

        @webhook.listener("before_server_stop")
        async def close_sessions(app: Any, loop: Any) -> None:
            await server_speedups.close_sessions()

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, message, metadata = parse_body(request.body)
            except BadRequest as error:
                return _error(error)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is not None and not tracker_store_available(agent.tracker_store):
                # Without the conversation Rasa would start a new one in memory and answer
                # as if the person had just arrived: say it is a disturbance instead.
                return response.json([{"recipient_id": sender, "text": cat.text("outage")}])
            answers = await handle(on_new_message, sender, message, metadata, self.name())
            return response.json(answers)

        return webhook
