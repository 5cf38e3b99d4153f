"""The house has one-way arrows: which package of bot/ may import which (docs/architecture.md)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _imports() -> dict[str, set[str]]:
    """``{module: {imported module, ...}}`` for every module of bot/ (absolute imports)."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in BOT.rglob("*.py"):
        module = ".".join(path.relative_to(BOT.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found[module].update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found[module].add(node.module)
    return found


def _package(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def _package_arrows() -> dict[str, set[str]]:
    arrows: dict[str, set[str]] = defaultdict(set)
    for module, imported in _imports().items():
        for target in imported:
            if target.startswith("bot.") and _package(target) != _package(module):
                arrows[_package(module)].add(_package(target))
    return arrows


def test_bot_never_imports_rasa_or_the_adapters() -> None:
    outside = {"rasa", "rasa_sdk", "actions", "components"}
    wrong = {
        (module, target)
        for module, imported in _imports().items()
        for target in imported
        if target.split(".")[0] in outside
    }
    assert wrong == set()


def test_the_packages_of_bot_import_each_other_without_a_loop() -> None:
    arrows = _package_arrows()

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        for nxt in arrows.get(start, ()):
            if nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt})):
                return True
        return False

    loops = sorted(p for p in arrows if reaches(p, p, {p}))
    assert loops == [], f"import loops through {loops}: {dict(arrows)}"


def test_the_lower_layers_import_nothing_above_them() -> None:
    arrows = _package_arrows()
    assert arrows.get("pii", set()) == set()  # masking: the bottom
    assert arrows.get("storage", set()) <= {"pii", "settings"}
    assert arrows.get("nlp", set()) <= {"pii", "settings"}
    assert "web" not in arrows.get("conversation", set())
    assert not arrows.get("triage", set()) & {"conversation", "storage", "web", "privacy"}


def test_the_conversation_knows_storage_only_by_its_save_record() -> None:
    used = {
        target
        for module, imported in _imports().items()
        if _package(module) == "conversation"
        for target in imported
        if target.startswith("bot.storage")
    }
    assert used <= {"bot.storage.record"}


def test_no_module_of_the_conversation_is_over_400_lines() -> None:
    long = {
        path.name: lines
        for path in (BOT / "conversation").glob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
