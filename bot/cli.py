"""Dispatches ``python -m bot`` sub-commands to the modules that own them.

Each module in ``COMMAND_MODULES`` has ``register(subparsers)``, which adds its sub-commands
and sets ``func`` (``args -> exit code``) on each. Modules keep heavy imports inside their
functions, so ``python -m bot triage`` does not pay for the web app or SQLAlchemy.
"""

from __future__ import annotations

import argparse
import importlib
import sys

COMMAND_MODULES = (
    "bot.triage.cli",  # triage
    "bot.web.cli",  # web, create-admin, purge, export-person, erase-person, db-upgrade
    "bot.conversation.domain_file",  # domain (domain.yml slots and form from questions.yml)
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Intake- en triage-assistent Supported Employment",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and name.startswith(exc.name):
                continue  # that part of the product is not installed/built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
