"""Speed-ups for the Rasa 3.6 server, applied when it loads our components.

Profiling a chat turn (bench/bench_chat.py, py-spy) showed two costs that do no useful work:

* Rasa checks every action server answer with ``jsonschema.validate(answer, schema)``, which
  first checks the *schema itself* against the JSON Schema meta-schema, on every call: about
  60 ms per action call with jsonschema 4.17, 5 ms with 3.2, two or three calls per turn. The
  answer is still validated exactly as before, with a validator built once.
* Every turn the tracker store turns the stored conversation back into events, and for each
  event ``Event.resolve_by_type`` walks all Event subclasses to find the class by its name
  (12% of a turn). The same lookup now comes from a table, rebuilt when a name is missing.

* ``DialogueStateTracker.applied_events()`` walks the whole conversation (with the undo
  logic of forms) and is asked for the same tracker many times per turn: a sixth of a turn at
  the end of an intake. Its answer is kept on the tracker until an event is added.
* The check of each answer of the action server tried every event against all 23 kinds of
  event (Rasa's ``oneOf``): now against the one kind its name says, the same test.
* Every call to the action server opened a new HTTP client session and connection and wrote
  the whole conversation with the standard ``json`` module (an eighth of a turn under load).
  Calls now share one session per endpoint (connections are kept open) and use ``ujson``;
  a kept connection that the action server closed meanwhile is tried once more.

Only applied to the Rasa version it was written for; any other version keeps Rasa's methods.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)
PATCHED_RASA_VERSION = "3.6.21"
_validator: Any = None


_by_event: dict[str, Any] = {}


def _events_valid(events: Any) -> bool:
    """The events schema, checked per event against the one alternative its name selects.

    Rasa's schema says each event must match exactly one of 23 alternatives (``oneOf``), so
    jsonschema tries all 23 for every event. The alternatives differ by a constant event
    name; checking the base schema and the alternative of that name is the same test.
    Anything unusual returns False and gets Rasa's full check (with its error message).
    """
    from jsonschema.validators import validator_for
    from rasa.shared.utils.schemas.events import EVENT_SCHEMA

    if not _by_event:
        base = {k: v for k, v in EVENT_SCHEMA.items() if k != "oneOf"}
        for alternative in EVENT_SCHEMA["oneOf"]:
            name = alternative["properties"]["event"]["const"]
            schema = {"allOf": [base, alternative]}
            _by_event[name] = validator_for(schema)(schema)
        if len(_by_event) != len(EVENT_SCHEMA["oneOf"]):  # names not distinct: no shortcut
            _by_event.clear()
            _by_event["?"] = None
    if not isinstance(events, list):
        return False
    for event in events:
        if not isinstance(event, dict):
            return False
        name = event.get("event")
        validator = _by_event.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


def _quick_valid(result: Any) -> bool:
    if not isinstance(result, dict):
        return False
    responses = result.get("responses", [])
    if not isinstance(responses, list) or not all(isinstance(r, dict) for r in responses):
        return False
    return "events" not in result or _events_valid(result["events"])


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.shared.constants import DOCS_BASE_URL

    if _quick_valid(result):
        return True
    global _validator
    if _validator is None:
        schema = self.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    error: ValidationError | None = best_match(_validator.iter_errors(result))
    if error is not None:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


_event_types: dict[str, Any] = {}


def _resolve_by_type(type_name: str, default: Any = None) -> Any:
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    cls = _event_types.get(type_name)
    if cls is None:
        _event_types.clear()
        for candidate in all_subclasses(Event):  # same order as Rasa: the first match wins
            _event_types.setdefault(candidate.type_name, candidate)
        cls = _event_types.get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # Rasa's backwards compatibility for old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


_rasa_applied_events: Any = None


def _applied_events(self: Any) -> list[Any]:
    """Rasa's ``applied_events``, remembered on the tracker for its current events."""
    events = self.events
    last = events[-1] if events else None
    cached = getattr(self, "_intake_applied", None)
    # Events are only ever added to a tracker: the same count and the same last event object
    # mean the same events.
    if cached is None or cached[0] != len(events) or cached[1] is not last:
        cached = (len(events), last, _rasa_applied_events(self))
        self._intake_applied = cached
    return list(cached[2])


_sessions: dict[tuple[int, int], Any] = {}


def _shared_session(endpoint: Any) -> Any:
    """One aiohttp session per endpoint and event loop, kept open."""
    import asyncio

    import aiohttp
    import ujson
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT

    key = (id(asyncio.get_running_loop()), id(endpoint))
    session = _sessions.get(key)
    if session is None or session.closed:
        auth = None
        if endpoint.basic_auth:
            auth = aiohttp.BasicAuth(endpoint.basic_auth["username"],
                                     endpoint.basic_auth["password"])
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            json_serialize=ujson.dumps,
        )
        _sessions[key] = session
    return session


async def close_sessions() -> None:
    """Close the kept-open sessions (the REST channel calls this when the server stops)."""
    for session in list(_sessions.values()):
        if not session.closed:
            await session.close()
    _sessions.clear()


async def _request(
    self: Any,
    method: str = "post",
    subpath: str | None = None,
    content_type: str | None = "application/json",
    compress: bool = False,
    **kwargs: Any,
) -> Any:
    """``EndpointConfig.request`` with a shared session; otherwise as Rasa does it."""
    import ssl

    import aiohttp
    import ujson
    from aiohttp.client_exceptions import ContentTypeError
    from rasa.utils.endpoints import ClientResponseError, concat_url

    headers = {"Content-Type": content_type} if content_type else {}
    headers.update(kwargs.pop("headers", {}) or {})
    headers.update(self.headers or {})
    url = concat_url(self.url, subpath)
    sslcontext = ssl.create_default_context(cafile=self.cafile) if self.cafile else None
    params = self.combine_parameters(kwargs)
    for attempt in (1, 2):
        try:
            async with _shared_session(self).request(
                method, url, headers=headers, params=params, compress=compress,
                ssl=sslcontext, **kwargs,
            ) as response:
                if response.status >= 400:
                    raise ClientResponseError(
                        response.status, response.reason, await response.content.read()
                    )
                try:
                    return await response.json(loads=ujson.loads)
                except ContentTypeError:
                    return None
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError):
            # A kept connection that the other side closed just now: one new try, on a new
            # connection (the action server's answer to the same conversation is the same).
            if attempt == 2:
                raise


def apply() -> bool:
    """Install the speed-ups; returns False (and changes nothing) on another Rasa version."""
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    if rasa.__version__ != PATCHED_RASA_VERSION:
        logger.warning(
            "Rasa %s is not %s: server speed-ups not applied",
            rasa.__version__,
            PATCHED_RASA_VERSION,
        )
        return False
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    global _rasa_applied_events
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    EndpointConfig.request = _request  # type: ignore[method-assign]
    if _rasa_applied_events is None:
        _rasa_applied_events = DialogueStateTracker.applied_events
        DialogueStateTracker.applied_events = _applied_events  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    return True
