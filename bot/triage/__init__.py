"""Triage: readiness score and route advice as explainable, configurable rules.

Public API (pure Python, no Rasa)::

    from bot.triage import advise, load_policy
    advice = advise(profile)            # profile: contract §2 dict (raw or normalised)
    advice.to_dict()                    # contract §3 keys + extension keys
    policy = load_policy("gemeente.yml")
    policy.routes["jobcoaching"].b1     # B1 text for the chat's closing message

See docs/triage.md for the rules in plain words and the policy schema.

The names are loaded lazily (PEP 562), so ``python -m bot <other command>``, which imports
``bot.triage.cli`` to register the sub-command, does not pay for YAML and the engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "Advice": "bot.triage.engine",
    "WhatIf": "bot.triage.engine",
    "advise": "bot.triage.engine",
    "advise_validated": "bot.triage.engine",
    "ROUTES": "bot.triage.facts",
    "DEFAULT_POLICY_PATH": "bot.triage.policy",
    "ENV_VAR": "bot.triage.policy",
    "Policy": "bot.triage.policy",
    "PolicyError": "bot.triage.policy",
    "RouteInfo": "bot.triage.policy",
    "Rule": "bot.triage.policy",
    "current_policy": "bot.triage.policy",
    "default_policy": "bot.triage.policy",
    "load_policy": "bot.triage.policy",
    "parse_policy": "bot.triage.policy",
    "Readiness": "bot.triage.score",
    "ProfileError": "bot.profile",
    "validate_profile": "bot.profile",
}

__all__ = [
    "Advice",
    "DEFAULT_POLICY_PATH",
    "ENV_VAR",
    "Policy",
    "PolicyError",
    "ProfileError",
    "ROUTES",
    "Readiness",
    "RouteInfo",
    "Rule",
    "WhatIf",
    "advise",
    "advise_validated",
    "current_policy",
    "default_policy",
    "load_policy",
    "parse_policy",
    "validate_profile",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from bot.profile import ProfileError, validate_profile

    from .engine import Advice, WhatIf, advise, advise_validated
    from .facts import ROUTES
    from .policy import (
        DEFAULT_POLICY_PATH,
        ENV_VAR,
        Policy,
        PolicyError,
        RouteInfo,
        Rule,
        current_policy,
        default_policy,
        load_policy,
        parse_policy,
    )
    from .score import Readiness


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bot.triage' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # cache: later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
