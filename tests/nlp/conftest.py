"""Fixtures for the Dutch parser tests (tests/nlp only)."""

from __future__ import annotations

from datetime import date

import pytest

# A fixed "today" so date-relative answers ("na de zomer", "in januari") are stable.
TODAY = date(2026, 11, 23)

# Inputs no parser may choke on.
BAD_INPUTS = [
    "",
    " ",
    "\n\n\t",
    "x" * 10_000,
    "ik wil werken " * 800,
    "👍",
    "😀😃😄😁🙈🙉🙊💩",
    "👨‍👩‍👧‍👦🏳️‍🌈",
    "<script>alert('x')</script>",
    "<b>ja</b> <i>hoor</i> &amp; &lt;3 &#x1F44D;",
    "<<<>>>",
    "I would like to work please",
    "أريد أن أعمل",
    "Я хочу работать",
    "我想工作",
    "\x00\x01\x02\x1b[31mrood\x1b[0m",
    "\u200b\u200e\u202e ja \ufeff",
    "?!?!?!",
    "....",
    "-1-2-3-4-5",
    "99999999999999999999999999999",
    "1e400",
    "0,0,0,0,0,0,0",
    "12-34-5678",
    "31-02-2007",
    "\ud800",  # lone surrogate
    "ﷺ" * 50,
    "a\u0301" * 200,
    "%s %d {0} {{}} $(rm -rf /)",
    "null",
    "None",
]


@pytest.fixture
def today() -> date:
    return TODAY


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Any test in tests/nlp with a ``bad_input`` argument runs once per entry of BAD_INPUTS."""
    if "bad_input" in metafunc.fixturenames:
        ids = [f"bad{i}" for i in range(len(BAD_INPUTS))]
        metafunc.parametrize("bad_input", BAD_INPUTS, ids=ids)
