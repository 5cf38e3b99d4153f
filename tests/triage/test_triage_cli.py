"""``python -m bot triage``: output shapes and one test per kind of bad input."""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from triage_helpers import BASES, REPO_ROOT

from bot.triage import DEFAULT_POLICY_PATH
from bot.triage.cli import register

CONTRACT_KEYS = {"route", "readiness", "reasons", "referrals", "urgent"}


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers())
    ns = parser.parse_args(["triage", *args])
    code = ns.func(ns)
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


# --- good input -----------------------------------------------------------------------------


def test_single_profile_gives_one_object(tmp_path: Path, capsys: Any) -> None:
    file = write(tmp_path, "p.json", json.dumps(BASES["contract"]))
    code, out, err = run_cli(capsys, file)
    assert code == 0 and err == ""
    advice = json.loads(out)
    assert set(advice) >= CONTRACT_KEYS
    assert advice["route"] == "jobcoaching"
    assert advice["referrals"] == ["schuldhulpverlening", "Wmo-begeleiding naast jobcoaching"]
    assert advice["urgent"] is False
    assert set(advice["readiness"]) == {"score", "willen", "kunnen", "stabiliteit"}
    assert out.count("\n") == 1  # compact unless --pretty


def test_pretty_output(tmp_path: Path, capsys: Any) -> None:
    file = write(tmp_path, "p.json", json.dumps(BASES["contract"]))
    code, out, _ = run_cli(capsys, file, "--pretty")
    assert code == 0
    assert out.startswith('{\n  "route": "jobcoaching"')
    assert "schuldhulpverlening" in out  # UTF-8, not \\u escapes
    assert "\\u" not in out


def test_list_gives_a_list_with_rows(tmp_path: Path, capsys: Any) -> None:
    profiles = [BASES["contract"], {"wants_to_work": "nee"}, {}]
    file = write(tmp_path, "lijst.json", json.dumps(profiles))
    code, out, err = run_cli(capsys, file)
    assert code == 0 and err == ""
    items = json.loads(out)
    assert [i["route"] for i in items] == ["jobcoaching", "niet_klaar", "jobcoaching"]
    assert [i["row"] for i in items] == [1, 2, 3]


def test_empty_list_gives_an_empty_list(tmp_path: Path, capsys: Any) -> None:
    code, out, _ = run_cli(capsys, write(tmp_path, "leeg.json", "[]"))
    assert code == 0 and json.loads(out) == []


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    data = json.dumps({"wants_to_work": "nee"}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli(capsys, "-")
    assert code == 0 and json.loads(out)["route"] == "niet_klaar"


def test_stdin_csv(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    data = b"wants_to_work;age\nnee;30\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run_cli(capsys, "-")
    assert code == 0 and json.loads(out)[0]["route"] == "niet_klaar"


def test_policy_option(tmp_path: Path, capsys: Any) -> None:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8").replace(
        "name: standaard", "name: gemeente-x"
    )
    policy = write(tmp_path, "gemeente.yml", text)
    file = write(tmp_path, "p.json", "{}")
    code, out, _ = run_cli(capsys, file, "--policy", policy)
    assert code == 0 and json.loads(out)["policy"]["name"] == "gemeente-x"


# --- bad input: exit 2, a message that names the problem, never a traceback -----------------


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"hours_per_week": 100}, 'fout in profiel, veld "hours_per_week": 100 ligt buiten 0–60'),
        ({"wants_to_work": "misschien"}, 'veld "wants_to_work": onbekende waarde "misschien"'),
        ({"life_domains": {"geld": 2}}, 'veld "life_domains.geld": onbekend leefgebied "geld"'),
        ({"motivation": {"importance": 12}}, 'veld "motivation.importance": 12 ligt buiten 0–10'),
        ({"hours_per_weak": 20}, 'veld "hours_per_weak": onbekend veld'),
        ({"age": "oud"}, 'veld "age": verwacht een geheel getal'),
    ],
)
def test_malformed_profile(tmp_path: Path, capsys: Any, profile: dict, expected: str) -> None:
    code, out, err = run_cli(capsys, write(tmp_path, "p.json", json.dumps(profile)))
    assert code == 2
    assert out == ""
    assert expected in err
    assert "Traceback" not in err


def test_broken_json_names_line_and_column(tmp_path: Path, capsys: Any) -> None:
    file = write(tmp_path, "kapot.json", '{"age": 19,\n "wants_to_work": "ja" "crisis": false}')
    code, out, err = run_cli(capsys, file)
    assert code == 2 and out == ""
    assert "ongeldige JSON" in err and "regel 2, kolom 24" in err


def test_json_that_is_no_profile(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "p.json", '"hallo"'))
    assert code == 2 and "verwacht een profiel" in err


def test_list_with_bad_rows_reports_every_row(tmp_path: Path, capsys: Any) -> None:
    profiles = [{}, {"hours_per_week": 100}, "geen profiel", {"age": 5, "crisis": "soms"}]
    code, out, err = run_cli(capsys, write(tmp_path, "lijst.json", json.dumps(profiles)))
    assert code == 2
    assert 'fout in profiel 2, veld "hours_per_week": 100 ligt buiten 0–60' in err
    assert "fout in profiel 3" in err
    assert 'fout in profiel 4, veld "age"' in err and 'fout in profiel 4, veld "crisis"' in err
    assert "3 van 4 profielen hebben een fout" in err
    items = json.loads(out)
    assert items[0]["route"] == "jobcoaching"
    assert items[1] == {
        "row": 2,
        "error": 'veld "hours_per_week": 100 ligt buiten 0–60',
        "errors": [{"field": "hours_per_week", "message": "100 ligt buiten 0–60"}],
    }
    assert [i.get("row") for i in items] == [1, 2, 3, 4]


def test_strict_prints_nothing_when_a_row_is_bad(tmp_path: Path, capsys: Any) -> None:
    file = write(tmp_path, "lijst.json", json.dumps([{}, {"age": 500}]))
    code, out, err = run_cli(capsys, file, "--strict")
    assert code == 2 and out == ""
    assert "--strict" in err


def test_missing_file(tmp_path: Path, capsys: Any) -> None:
    code, out, err = run_cli(capsys, str(tmp_path / "weg.json"))
    assert code == 2 and out == ""
    assert "bestand niet gevonden" in err and "weg.json" in err


def test_directory_instead_of_file(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, str(tmp_path))
    assert code == 2 and "is een map" in err


def test_empty_file(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "leeg.json", "  \n"))
    assert code == 2 and "is leeg" in err


def test_json_that_is_not_utf8(tmp_path: Path, capsys: Any) -> None:
    file = write(tmp_path, "p.json", '{"droombaan": "caf\xe9"}'.encode("latin-1"))
    code, _, err = run_cli(capsys, file)
    assert code == 2 and "geen UTF-8" in err


def test_bad_policy_file(tmp_path: Path, capsys: Any) -> None:
    policy = write(tmp_path, "gemeente.yml", "name: x\nrules: [\n")
    code, out, err = run_cli(capsys, write(tmp_path, "p.json", "{}"), "--policy", policy)
    assert code == 3 and out == ""
    assert err.startswith("fout in beleid: ") and "gemeente.yml, regel" in err
    assert "Traceback" not in err


def test_missing_policy_file(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "p.json", "{}"), "--policy", "weg.yml")
    assert code == 3 and "beleidsbestand niet gevonden" in err


def test_bad_policy_from_environment(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRIAGE_POLICY_FILE", write(tmp_path, "g.yml", "name: [x\n"))
    code, _, err = run_cli(capsys, write(tmp_path, "p.json", "{}"))
    assert code == 3 and "g.yml" in err


def test_internal_error_is_reported_without_traceback(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.triage.engine as engine

    def boom(*_: Any, **__: Any) -> None:
        raise RuntimeError("kapot")

    monkeypatch.setattr(engine, "advise", boom)
    code, _, err = run_cli(capsys, write(tmp_path, "p.json", "{}"))
    assert code == 1 and "interne fout: RuntimeError: kapot" in err


# --- CSV --------------------------------------------------------------------------------------


SCHOOL_CSV = (
    "naam;leeftijd;schooltype;uitstroomprofiel;wil_werken;uren_per_week;financien;"
    "ondersteuning;x_leerlingnummer\n"
    'Anna;17;VSO;arbeidsmarkt;ja;24,5;3;"inwerken op de werkvloer;vacatures";12\n'
    "Bo;16;PrO;;nee;;;;13\n"
    "\n"
    "Cas;18;VSO;dagbesteding;ja;;;;14\n"
)


def test_school_csv(tmp_path: Path, capsys: Any) -> None:
    code, out, err = run_cli(capsys, write(tmp_path, "school.csv", SCHOOL_CSV))
    assert code == 0, err
    items = json.loads(out)
    assert [i["route"] for i in items] == ["jobcoaching", "niet_klaar", "wmo"]
    assert [(i["row"], i["line"]) for i in items] == [(1, 2), (2, 3), (3, 5)]
    assert "schuldhulpverlening" in items[0]["referrals"]


def test_csv_with_bom_and_comma_delimiter(tmp_path: Path, capsys: Any) -> None:
    text = (
        "\ufeffwants_to_work,age,school.type,motivation_importance,life_domain_wonen\n"
        "ja,19,VSO,8,1\n"
    )
    code, out, _ = run_cli(capsys, write(tmp_path, "s.csv", text))
    assert code == 0
    item = json.loads(out)[0]
    assert item["route"] == "wmo" and item["urgent"] is True


def test_csv_from_excel_in_cp1252(tmp_path: Path, capsys: Any) -> None:
    text = "droombaan;wil_werken;financiën\ncafé-medewerker;ja;4\n"
    code, out, _ = run_cli(capsys, write(tmp_path, "s.csv", text.encode("cp1252")))
    assert code == 0 and json.loads(out)[0]["route"] == "jobcoaching"


def test_csv_bad_cell_names_row_line_field_and_column(tmp_path: Path, capsys: Any) -> None:
    text = "wil_werken;uren_per_week\nja;20\nja;70\n"
    code, out, err = run_cli(capsys, write(tmp_path, "s.csv", text))
    assert code == 2
    assert (
        'fout in profiel 2 (CSV-regel 3), veld "hours_per_week" (kolom "uren_per_week"): '
        "70 ligt buiten 0–60"
    ) in err
    items = json.loads(out)
    assert items[0]["route"] == "jobcoaching"
    assert items[1]["row"] == 2 and items[1]["line"] == 3 and "error" in items[1]


def test_csv_unknown_column(tmp_path: Path, capsys: Any) -> None:
    code, out, err = run_cli(capsys, write(tmp_path, "s.csv", "hours_per_weak;age\n20;19\n"))
    assert code == 2 and out == ""
    assert 'onbekende kolom "hours_per_weak"' in err and "hours_per_week" in err


def test_csv_unknown_life_domain_column(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "s.csv", "life_domain_geld;age\n2;19\n"))
    assert code == 2 and 'onbekende kolom "life_domain_geld"' in err


def test_csv_row_with_too_many_cells(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "s.csv", "age;wil_werken\n19;ja;extra\n"))
    assert code == 2
    assert 'fout in profiel 1 (CSV-regel 2), veld "(rij)": 3 cellen, maar de kop heeft er 2' in err


def test_csv_unknown_value(tmp_path: Path, capsys: Any) -> None:
    code, _, err = run_cli(capsys, write(tmp_path, "s.csv", "age;crisis\n19;soms\n"))
    assert code == 2 and 'veld "crisis"' in err and "ja of nee" in err


# --- the real entry point ----------------------------------------------------------------------


def _python_m_bot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("TRIAGE_POLICY_FILE", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "triage", *args],
        cwd=REPO_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_python_m_bot_triage(tmp_path: Path) -> None:
    file = write(tmp_path, "p.json", json.dumps(BASES["contract"]))
    result = _python_m_bot(file)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["route"] == "jobcoaching"


def test_python_m_bot_triage_bad_input_has_no_traceback(tmp_path: Path) -> None:
    result = _python_m_bot(write(tmp_path, "p.json", "[{"))
    assert result.returncode == 2
    assert "ongeldige JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_registering_the_command_does_not_load_the_engine() -> None:
    # bot.cli imports bot.triage.cli for every sub-command; that must stay cheap.
    code = (
        "import sys, bot.triage.cli; "
        "print('bot.triage.engine' in sys.modules, 'yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "False False", result.stderr


def test_public_names() -> None:
    import bot.triage as triage

    for name in triage.__all__:
        assert getattr(triage, name) is not None
    with pytest.raises(AttributeError):
        _ = triage.does_not_exist


# --- the input rule: strict JSON, lenient CSV cells (issue 10) --------------------------------


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("wants_to_work", True, "niet true"),
        ("can_start_within_6_months", "ja", 'niet de tekst "ja"'),
        ("crisis", "nee", 'niet de tekst "nee"'),
        ("crisis", "1", 'niet de tekst "1"'),
        ("crisis", 1, "niet het getal 1"),
        ("age", "19", 'niet de tekst "19"'),
    ],
)
def test_json_is_read_strictly(
    tmp_path: Path, capsys: Any, field: str, value: Any, fragment: str
) -> None:
    file = write(tmp_path, "p.json", json.dumps({**BASES["contract"], field: value}))
    code, out, err = run_cli(capsys, file)
    assert code == 2 and out == ""
    assert f'veld "{field}"' in err and fragment in err
    assert "Traceback" not in err


def test_the_same_cells_in_a_csv_are_read_leniently(tmp_path: Path, capsys: Any) -> None:
    file = write(
        tmp_path, "lijst.csv", "wants_to_work;crisis;age;can_start_within_6_months\nJa;nee;19;1\n"
    )
    code, out, err = run_cli(capsys, file)
    assert code == 0 and err == ""
    assert json.loads(out)[0]["route"] == "jobcoaching"


def test_today_option_sets_the_reference_date_for_the_leaving_date(
    tmp_path: Path, capsys: Any
) -> None:
    pupil = {
        "age": 16,
        "school": {"type": "PrO", "leaving_date": "2027-07"},
        "wants_to_work": "ja",
        "can_start_within_6_months": False,
        "can_earn_minimum_wage_alone": False,
    }
    file = write(tmp_path, "p.json", json.dumps(pupil))
    _, early, _ = run_cli(capsys, file, "--today", "2025-01-10")
    _, late, _ = run_cli(capsys, file, "--today", "2027-01-10")
    assert json.loads(early)["rules"][0]["id"] == "niet_klaar_nog_op_school"
    assert json.loads(late)["rules"][0]["id"] == "jobcoaching_schoolverlater"


def test_a_bad_today_option_is_a_clear_error(tmp_path: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as info:
        run_cli(capsys, write(tmp_path, "p.json", "{}"), "--today", "morgen")
    assert info.value.code == 2
    assert "geen datum" in capsys.readouterr().err
