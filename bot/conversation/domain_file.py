"""The intake's slots and form in domain.yml, generated from the question catalogue.

``questions.yml`` is the one place a question is named; Rasa needs each one as a slot with a
``custom`` mapping (our validation action reads every answer) and in the form's list. This
writes those two blocks of ``domain.yml`` between their markers and leaves the rest as it is.
``python -m bot domain`` rewrites the file; ``--check`` fails when it is out of date (CI).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.conversation.flow import HELPER_SLOTS, all_form_slots

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
COMMAND = "python -m bot domain"
BLOCKS = ("slots", "form")


def _marks(block: str) -> tuple[str, str]:
    return (
        f"  # --- {block}: generated from bot/conversation/questions.yml ({COMMAND}) ---",
        f"  # --- end of the generated {block} ---",
    )


def _slot(name: str) -> list[str]:
    return [
        f"  {name}:",
        "    type: any",
        "    influence_conversation: false",
        "    mappings:",
        "      - type: custom",
    ]


def generated(block: str) -> list[str]:
    """The lines of one generated block, markers included."""
    start, end = _marks(block)
    lines = [start]
    if block == "slots":
        lines.append("  # Intake answers: read and normalised by validate_intake_form.")
        for name in all_form_slots():
            lines += _slot(name)
        lines.append("  # Kept by the form for itself (bot/conversation/flow.py HELPER_SLOTS).")
        for name in HELPER_SLOTS:
            lines += _slot(name)
    else:
        lines += [
            "  intake_form:",
            "    # The full list; validate_intake_form narrows it per person (school mode,",
            "    # life domains).",
            "    required_slots:",
            *(f"      - {name}" for name in all_form_slots()),
        ]
    return [*lines, end]


def render(text: str) -> str:
    """``text`` (a domain.yml) with its generated blocks written anew."""
    lines = text.splitlines()
    for block in BLOCKS:
        start, end = _marks(block)
        if start not in lines or end not in lines:
            raise ValueError(f"domain.yml has no markers for the generated {block}: {start!r}")
        first, last = lines.index(start), lines.index(end)
        lines[first : last + 1] = generated(block)
    return "\n".join(lines) + "\n"


def _run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    current = path.read_text(encoding="utf-8")
    wanted = render(current)
    if args.check:
        if current != wanted:
            print(f"{path} is not in step with questions.yml: run `{COMMAND}`", file=sys.stderr)
            return 1
        print(f"{path}: in step with questions.yml")
        return 0
    if current != wanted:
        path.write_text(wanted, encoding="utf-8")
        print(f"{path}: slots and form written from questions.yml")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "domain", help="schrijf de slots en het formulier in domain.yml uit questions.yml"
    )
    parser.add_argument("--check", action="store_true", help="alleen controleren (CI)")
    parser.add_argument("--file", default=str(DOMAIN_FILE), help="het domain-bestand")
    parser.set_defaults(func=_run)
