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
* A rate limit per sender id and per client address (``ChatRateLimit``): HTTP 429 with a
  Dutch ``text`` and ``Retry-After``. Each Rasa server counts on its own; behind nginx the
  shared per-address limit is nginx's ``limit_req`` (docs/deployment.md).

credentials.yml::

    components.channels.RestInput:
"""

from __future__ import annotations

import contextvars
import ipaddress
import json
import logging
import math
import os
import time
import unicodedata
from asyncio import CancelledError
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
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
    def __init__(self, field: str, message: str, text_key: str = "bad_request") -> None:
        super().__init__(message)
        self.field = field
        self.text_key = text_key  # what the person reads (texts.yml)


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
        raise BadRequest(
            "message", f"message must be at most {MAX_MESSAGE} characters.", "message_too_long"
        )
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
            "text": cat.text(error.text_key),
        },
        status=400,
    )


# --- rate limit --------------------------------------------------------------------------------

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _networks(spec: str) -> tuple[Network, ...]:
    nets = []
    for part in spec.replace(";", ",").split(","):
        part = part.strip()
        if part:
            try:
                nets.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                logger.warning("CHAT_TRUSTED_PROXIES: not an address or network: %r", part)
    return tuple(nets)


def _env_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return max(0, int(raw))
    except ValueError:
        logger.warning("%s is not a whole number (%r); using %d", name, raw, default)
        return default


class ChatRateLimit:
    """Sliding-window limit on chat messages, per sender id and per client address.

    In memory, per Rasa server process: each server behind a load balancer keeps its own
    counters (nginx's ``limit_req`` adds a shared per-address limit, docs/deployment.md).
    Only accepted messages are counted, so a refused burst does not lengthen the wait.
    A limit of 0 switches that limit off.

    Environment: ``CHAT_LIMIT_PER_SENDER`` (30), ``CHAT_LIMIT_PER_ADDRESS`` (300),
    ``CHAT_LIMIT_WINDOW`` (seconds, 60), ``CHAT_TRUSTED_PROXIES`` (addresses or networks whose
    ``X-Forwarded-For`` is believed; default loopback: nginx and the web app's chat relay).
    """

    SWEEP_EVERY = 1000  # checks between removals of idle keys (bounds the memory)

    def __init__(
        self,
        per_sender: int = 30,
        per_address: int = 300,
        window: float = 60.0,
        trusted_proxies: str = "127.0.0.0/8,::1",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_sender = per_sender
        self.per_address = per_address
        self.window = float(window)
        self.trusted = _networks(trusted_proxies)
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._checks = 0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> ChatRateLimit:
        env = os.environ if env is None else env
        return cls(
            per_sender=_env_int(env, "CHAT_LIMIT_PER_SENDER", 30),
            per_address=_env_int(env, "CHAT_LIMIT_PER_ADDRESS", 300),
            window=_env_int(env, "CHAT_LIMIT_WINDOW", 60) or 60,
            trusted_proxies=env.get("CHAT_TRUSTED_PROXIES", "127.0.0.0/8,::1"),
        )

    def _is_trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.strip())
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped  # "::ffff:127.0.0.1" from a dual-stack socket
        return any(ip in net for net in self.trusted)

    def client_address(self, peer: str | None, forwarded_for: str | None) -> str | None:
        """The address to count: the peer, or behind trusted proxies the nearest address in
        ``X-Forwarded-For`` that is not one of them. None for a local client (the peer and
        every forwarded address trusted): it is limited per sender only."""
        if not peer:
            return None
        if not self._is_trusted(peer):
            return peer
        for hop in reversed((forwarded_for or "").split(",")):
            hop = hop.strip()
            if hop and not self._is_trusted(hop):
                return hop[:64]
        return None

    def check(self, sender: str, address: str | None) -> int | None:
        """Count the message and return None, or return the seconds to wait (not counted)."""
        now = self._clock()
        self._checks += 1
        if self._checks % self.SWEEP_EVERY == 0:
            self._sweep(now)
        keys = [(f"s:{sender}", self.per_sender)]
        if address is not None:
            keys.append((f"a:{address}", self.per_address))
        wait = 0.0
        for key, limit in keys:
            if not limit:
                continue
            hits = self._hits.get(key)
            if hits is None:
                continue
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= limit:
                wait = max(wait, hits[len(hits) - limit] + self.window - now)
        if wait > 0:
            return max(1, math.ceil(wait))
        for key, limit in keys:
            if limit:
                self._hits.setdefault(key, deque()).append(now)
        return None

    def _sweep(self, now: float) -> None:
        old = now - self.window
        idle = [key for key, hits in self._hits.items() if not hits or hits[-1] <= old]
        for key in idle:
            del self._hits[key]

    def __len__(self) -> int:  # keys held (tests: memory stays bounded)
        return len(self._hits)


def _seconds(wait: int) -> str:
    if wait >= 120:
        return f"{math.ceil(wait / 60)} minuten"
    return "1 seconde" if wait == 1 else f"{wait} seconden"


def _too_many(wait: int) -> HTTPResponse:
    return response.json(
        {
            "error": "Too many messages; try again later.",
            "retry_after": wait,
            "text": cat.text("too_many_messages", wait=_seconds(wait)),
        },
        status=429,
        headers={"Retry-After": str(wait)},
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
        limit = ChatRateLimit.from_env()

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
            address = limit.client_address(request.ip, request.headers.get("x-forwarded-for"))
            wait = limit.check(sender, address)
            if wait is not None:
                logger.info("chat rate limit: a message refused, %d s to wait", wait)
                return _too_many(wait)
            agent = getattr(request.app.ctx, "agent", None)
            if agent is not None and not tracker_store_available(agent.tracker_store):
                # Without the conversation Rasa would start a new one in memory and answer
                # as if the person had just arrived: say it is a disturbance instead.
                return response.json([{"recipient_id": sender, "text": cat.text("outage")}])
            answers = await handle(on_new_message, sender, message, metadata, self.name())
            return response.json(answers)

        return webhook
