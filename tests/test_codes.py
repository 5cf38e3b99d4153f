"""bot/codes.yml is the one place for the labels of the intake's codes (issue 15, point 4)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot import codes
from bot.profile import (
    BENEFITS,
    CRISIS_SIGNALS,
    DOCUMENT_STATES,
    EDUCATION_LEVELS,
    EMPLOYEE_SKILLS,
    LIFE_DOMAINS,
    PROFILE_FIELDS,
    RESPONDENTS,
    RULERS,
    SCHOOL_FIELDS,
    STAGE_RESULTS,
    WANTS_TO_WORK,
)
from bot.triage import ROUTES

ROOT = Path(__file__).resolve().parents[1]
# The modules that show these codes to people; each takes its words from bot.codes.
LABEL_MODULES = (
    *sorted((ROOT / "bot" / "web").glob("*.py")),
    *sorted((ROOT / "bot" / "profile").glob("*.py")),
    *sorted((ROOT / "bot" / "triage").glob("*.py")),
    ROOT / "bot" / "conversation" / "summary.py",
    ROOT / "bot" / "conversation" / "catalogue.py",
)


@pytest.mark.parametrize(
    ("code_list", "defined"),
    [
        ("routes", ROUTES),
        ("profile_fields", PROFILE_FIELDS),
        ("school_fields", SCHOOL_FIELDS),
        ("rulers", RULERS),
        ("life_domains", LIFE_DOMAINS),
        ("respondents", RESPONDENTS),
        ("wants_to_work", WANTS_TO_WORK),
        ("employee_skills", EMPLOYEE_SKILLS),
        ("crisis_signals", CRISIS_SIGNALS),
        ("document_states", DOCUMENT_STATES),
        ("stage_results", STAGE_RESULTS),
        ("benefits", BENEFITS),
        ("education_levels", EDUCATION_LEVELS),
        ("scale", (1, 2, 3, 4, 5)),
    ],
)
def test_code_lists_are_the_models_codes_in_their_order(
    code_list: str, defined: tuple[object, ...]
) -> None:
    assert codes.code_list(code_list) == tuple(defined)


def test_every_entry_says_who_sees_which_words() -> None:
    for name, entries in codes.codes().items():
        for code, entry in entries.items():
            assert entry, f"{name}.{code}: no words"
            unknown = set(entry) - codes.AUDIENCES - {"label"}
            assert not unknown, f"{name}.{code}: unknown audience {unknown}"
            assert all(isinstance(v, str) and v.strip() for v in entry.values()), (name, code)


def test_words_that_differ_on_purpose_are_named_keys() -> None:
    # The two names of the Wmo route (issue 15): the advice says one, the werkplek the other.
    assert codes.label("routes", "wmo", "coach") == "Eerst ondersteuning (Wmo)"
    assert codes.label("routes", "wmo", "web") == "Wmo-ondersteuning"
    assert codes.label("routes", "regulier", "b1") == "Gewone hulp bij werk zoeken"
    assert codes.label("routes", "ips", "web") == codes.label("routes", "ips", "coach")
    assert codes.label("scale", 1, "coach") == "acute problematiek"
    assert codes.label("scale", 1, "b1") == "het gaat nu echt mis"
    with pytest.raises(ValueError):
        codes.label("routes", "wmo", "everyone")


def _is_label(text: str) -> bool:
    """Words for people, not a code, a pattern, a path or a colour."""
    return not re.fullmatch(r"[a-z0-9_]+|[#/].*", text) and not re.search(r"[\\|()\[\]]", text)


def _label_tables(path: Path) -> list[str]:
    """Dict literals that map codes of one of the code lists to words for people."""
    lists = {
        name: set(entries) for name, entries in codes.codes().items() if name != "yes_no"
    }  # True/False keys are sentences about one field, not labels of a code list
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Dict) or len(node.keys) < 2 or None in node.keys:
            continue
        if not all(isinstance(k, ast.Constant) for k in node.keys):
            continue
        values = [v.value for v in node.values if isinstance(v, ast.Constant)]
        if len(values) < len(node.values) or not all(isinstance(v, str) for v in values):
            continue
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        if any(len(keys & s) >= 2 for s in lists.values()) and any(map(_is_label, values)):
            where = path.relative_to(ROOT) if ROOT in path.parents else path.name
            found.append(f"{where}:{node.lineno}")
    return found


def test_no_label_table_outside_the_codes_file() -> None:
    found = [where for path in LABEL_MODULES for where in _label_tables(path)]
    assert not found, f"label tables outside bot/codes.yml: {found}"


def test_the_scan_finds_a_label_table(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'X = {"wmo": "Wmo-ondersteuning", "ips": "IPS"}\n'
        'COLUMNS = {"naam": "name", "leeftijd": "age"}\n'  # aliases of codes, no labels
        'COLOURS = {"wmo": "#D55E00", "ips": "#0072B2"}\n',
        encoding="utf-8",
    )
    assert _label_tables(sample) == ["sample.py:1"]


def test_label_modules_read_the_codes_file() -> None:
    for name in ("web/labels.py", "conversation/summary.py", "conversation/catalogue.py",
                 "profile/schema.py", "triage/policy_reader.py"):
        assert "from bot import codes" in (ROOT / "bot" / name).read_text(encoding="utf-8"), name
