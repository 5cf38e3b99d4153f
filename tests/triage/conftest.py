"""Fixtures for the triage tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from triage_helpers import make_profile

from bot.triage import Policy, default_policy


@pytest.fixture(autouse=True)
def _no_policy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # A TRIAGE_POLICY_FILE in the developer's shell must not change what the tests see.
    monkeypatch.delenv("TRIAGE_POLICY_FILE", raising=False)


@pytest.fixture(scope="session")
def policy() -> Policy:
    return default_policy()


@pytest.fixture
def profile() -> Callable[..., dict[str, Any]]:
    return make_profile
