"""The command-line tools (in-process through ``bot.cli.main``, on a temp SQLite database)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.storage import get_store, reset_stores


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    for name in ("INTAKE_ADMIN_PASSWORD", "INTAKE_USER_PASSWORD", "INTAKE_ADMIN_USERNAME",
                 "TRACKER_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    reset_stores()
    yield url
    reset_stores()


def run(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_create_admin_and_users(env: str, monkeypatch, capsys) -> None:
    assert run(monkeypatch, ["create-admin", "--username", "Beheer", "--password-stdin"],
               "een lang wachtwoord\n") == 0
    assert "Beheerder 'beheer' aangemaakt" in capsys.readouterr().out
    # Idempotent: a second run with an admin present does nothing.
    assert run(monkeypatch, ["create-admin", "--password-stdin"], "een lang wachtwoord\n") == 0
    assert "al een beheerder" in capsys.readouterr().out
    monkeypatch.setenv("INTAKE_USER_PASSWORD", "nog een wachtwoord")
    assert run(monkeypatch, ["create-user", "sam", "--role", "school", "--school",
                             "VSO De Brug"]) == 0
    assert run(monkeypatch, ["create-user", "xavier", "--role", "school"]) == 1
    assert "schoolnaam" in capsys.readouterr().err
    monkeypatch.delenv("INTAKE_USER_PASSWORD")
    assert run(monkeypatch, ["create-user", "kim", "--role", "klantbegeleider",
                             "--password-stdin"], "kort\n") == 1
    users = {u["username"]: u for u in get_store(env).list_users()}
    assert users["beheer"]["role"] == "beheerder" and users["sam"]["school_name"] == "VSO De Brug"
    assert "kim" not in users
    assert get_store(env).authenticate("beheer", "een lang wachtwoord") is not None


def test_create_admin_without_password_fails_cleanly(env: str, monkeypatch, capsys) -> None:
    assert run(monkeypatch, ["create-admin"]) == 1  # stdin is no terminal, no env var
    assert "geen wachtwoord" in capsys.readouterr().err


def test_purge_export_erase(env: str, monkeypatch, capsys, tmp_path: Path) -> None:
    store = get_store(env)
    store.save_intake("p1", status="complete", profile={"name": "Piet"},
                      transcript=[{"role": "user", "text": "hoi", "ts": "t"}])
    assert run(monkeypatch, ["purge", "--dry-run"]) == 0
    assert json.loads(capsys.readouterr().out)["dry_run"] is True
    assert run(monkeypatch, ["purge"]) == 0
    assert json.loads(capsys.readouterr().out)["summaries"] == 0
    out_file = tmp_path / "inzage.json"
    assert run(monkeypatch, ["export-person", "p1", "-o", str(out_file)]) == 0
    assert json.loads(out_file.read_text())["intake"]["profile"]["name"] == "Piet"
    assert run(monkeypatch, ["export-person", "nobody"]) == 1
    assert run(monkeypatch, ["erase-person", "p1"]) == 1  # needs --yes without a terminal
    assert store.get_intake("p1") is not None
    assert run(monkeypatch, ["erase-person", "p1", "--yes"]) == 0
    assert store.get_intake("p1") is None
    capsys.readouterr()
    assert run(monkeypatch, ["erase-person", "p1", "--yes"]) == 3  # nothing there


def test_db_upgrade_and_database_down(env: str, monkeypatch, capsys) -> None:
    assert run(monkeypatch, ["db-upgrade"]) == 0
    assert "0002_school_batches" in capsys.readouterr().out
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres:secret@127.0.0.1:1/x")
    assert run(monkeypatch, ["db-upgrade"]) == 1
    err = capsys.readouterr().err
    assert "niet bereikbaar" in err and "secret" not in err


def test_module_entry_point_lists_commands(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "--help"], capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert result.returncode == 0
    for command in ("web", "create-admin", "create-user", "purge", "export-person",
                    "erase-person", "db-upgrade"):
        assert command in result.stdout
