"""Policies: one YAML file each, validated when loaded.

A policy holds the route descriptions, the rules (each with an id, a coach sentence, a B1
sentence for the job seeker and its source), the assumptions for unknown answers and the
readiness weights. The schema is documented in ``docs/triage.md``; ``policies/default.yml``
is built from DOMAIN.md and the seed reports.

What a policy can *not* change, because it protects people (issue 3, point 3):

* a crisis signal always makes the advice urgent (the engine guarantees it; the policy only
  words it and adds referrals);
* the IPS zero-exclusion rule has a fixed condition and is checked before every other route
  rule; a policy words it and cites it, but cannot narrow it;
* someone with EPA in the care of a GGZ team who doubts about work and is not routed to IPS
  always gets a stated reason why not (``notices.ips_twijfel``);
* with a crisis the safety reasons come first.

Reason texts (``coach`` and ``b1``) are a text or a list of parts; a part may carry its own
``when`` and is only said when that holds on the answers the person *gave* (never on the
assumptions for unknown answers), so a reason never states what the person did not say.

Every error names the file, the key path and, where known, the line:
``gemeente.yml, regel 42 (rules[3].when.wants_to_work): onbekende waarde "jaa"; ...``.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

from .policy_model import (
    IPS_FACTS,
    IPS_FIELDS,
    STAGES,
    TEMPLATE_VARS,
    Alternative,
    Part,
    Policy,
    PolicyError,
    RouteInfo,
    Rule,
    UnknownField,
)
from .policy_reader import PolicyReader
from .yaml_lines import YamlProblem, format_path, load_with_lines

__all__ = [
    "DEFAULT_POLICY_PATH", "ENV_VAR", "IPS_FACTS", "IPS_FIELDS", "STAGES", "TEMPLATE_VARS",
    "Alternative", "Part", "Policy", "PolicyError", "RouteInfo", "Rule", "UnknownField",
    "current_policy", "default_policy", "load_policy", "parse_policy",
]  # fmt: skip

ENV_VAR = "TRIAGE_POLICY_FILE"
DEFAULT_POLICY_PATH = Path(__file__).with_name("policies") / "default.yml"

# --- loading -----------------------------------------------------------------------------


def load_policy(path: str | os.PathLike[str] | None = None) -> Policy:
    """Load and validate a policy file.

    ``None`` means: the file named by the environment variable ``TRIAGE_POLICY_FILE``, or the
    packaged default policy when that is not set.
    """
    if path is None:
        path = os.environ.get(ENV_VAR) or DEFAULT_POLICY_PATH
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PolicyError(str(file), None, None, "beleidsbestand niet gevonden") from None
    except IsADirectoryError:
        raise PolicyError(str(file), None, None, "dit is een map, geen beleidsbestand") from None
    except UnicodeDecodeError:
        raise PolicyError(str(file), None, None, "het bestand is geen UTF-8-tekst") from None
    except OSError as exc:
        raise PolicyError(
            str(file), None, None, f"kan het bestand niet lezen: {exc.strerror}"
        ) from None
    return parse_policy(text, str(file))


@functools.lru_cache(maxsize=1)
def default_policy() -> Policy:
    """The packaged default policy (built from DOMAIN.md), loaded once."""
    return load_policy(DEFAULT_POLICY_PATH)


_current: dict[str, Any] = {}


def current_policy() -> Policy:
    """The policy ``advise`` uses when none is passed: ``TRIAGE_POLICY_FILE`` or the default.

    Reloaded when the variable or the file's modification time changes, so a municipality
    that edits its policy does not have to restart the chat.
    """
    configured = os.environ.get(ENV_VAR)
    if not configured:
        return default_policy()
    try:
        stamp = os.stat(configured).st_mtime_ns
    except OSError:
        stamp = None  # load_policy reports the missing file
    key = (configured, stamp)
    if _current.get("key") != key:
        _current["policy"] = load_policy(configured)
        _current["key"] = key
    return _current["policy"]


def parse_policy(text: str, file: str = "<beleid>") -> Policy:
    """Validate policy YAML ``text``; ``file`` is only used in error messages."""
    try:
        data, lines = load_with_lines(text)
    except YamlProblem as exc:
        raise PolicyError(file, format_path(exc.path) or None, exc.line, exc.message) from None
    return PolicyReader(file, lines).policy(data)

