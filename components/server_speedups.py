"""Speed-ups for the Rasa 3.6 server, applied when it loads our components.

Profiling a chat turn (bench/bench_chat.py, py-spy) showed two costs that do no useful work:

* Rasa checks every action server answer with ``jsonschema.validate(answer, schema)``, which
  first checks the *schema itself* against the JSON Schema meta-schema, on every call: about
  60 ms per action call with jsonschema 4.17, 5 ms with 3.2, two or three calls per turn. The
  answer is still validated exactly as before, with a validator built once.
* Every turn the tracker store turns the stored conversation back into events, and for each
  event ``Event.resolve_by_type`` walks all Event subclasses to find the class by its name
  (12% of a turn). The same lookup now comes from a table, rebuilt when a name is missing.

Only applied to the Rasa version it was written for; any other version keeps Rasa's methods.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)
PATCHED_RASA_VERSION = "3.6.21"
_validator: Any = None


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    from jsonschema import ValidationError
    from jsonschema.exceptions import best_match
    from jsonschema.validators import validator_for
    from rasa.shared.constants import DOCS_BASE_URL

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
    RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    Event.resolve_by_type = staticmethod(_resolve_by_type)  # type: ignore[method-assign]
    return True
