"""scripts/pip_audit_check.py: a vulnerability not on the list fails, an audit that could not
check is never read as clean, and every ignored vulnerability is explained in the docs."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("pip_audit_check",
                                              ROOT / "scripts" / "pip_audit_check.py")
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)  # type: ignore[union-attr]

IGNORES = check.read_ignores(ROOT / "scripts" / "pip-audit-ignore.txt")


def dep(name: str, *vulns: tuple[str, list[str]], skip: str | None = None) -> dict:
    item = {"name": name, "version": "1.0"}
    if skip:
        item["skip_reason"] = skip
    else:
        item["vulns"] = [{"id": i, "aliases": a, "fix_versions": ["2.0"]} for i, a in vulns]
    return item


def test_a_clean_audit_passes() -> None:
    code, lines = check.judge({"dependencies": [dep("a"), dep("b")]}, {})
    assert code == check.OK and "2 packages checked" in lines[-1]


def test_a_vulnerability_not_on_the_list_fails() -> None:
    report = {"dependencies": [dep("a", ("PYSEC-1", ["CVE-1", "GHSA-x"])), dep("b")]}
    code, lines = check.judge(report, {"GHSA-other": "why"})
    assert code == check.FOUND and any("FOUND    a 1.0: PYSEC-1" in line for line in lines)


def test_an_ignored_vulnerability_is_listed_by_any_of_its_ids() -> None:
    report = {"dependencies": [dep("a", ("PYSEC-1", ["GHSA-x"]))]}
    code, lines = check.judge(report, {"GHSA-x": "does not apply"})
    assert code == check.OK and any(line.startswith("  ignored  a 1.0") for line in lines)


def test_packages_that_could_not_be_checked_are_not_audited_not_clean() -> None:
    """What happens on a machine that reaches PyPI's package files but not its JSON API:
    pip-audit itself says "No known vulnerabilities found"."""
    report = {"dependencies": [dep("a"), dep("b", skip="Dependency not found on PyPI and could "
                                                        "not be audited: b (1.0)"),
                               dep("intake-assistent", skip="distribution marked as editable")]}
    code, lines = check.judge(report, {})
    assert code == check.NOT_AUDITED and "NOT AUDITED: 1 of 3" in lines[-1]


def test_a_failed_audit_without_report_is_not_audited(tmp_path: Path) -> None:
    assert check.main(["x", str(tmp_path / "missing.json"), str(tmp_path / "i.txt")]) == 3


def test_an_ignore_the_audit_no_longer_sees_is_pointed_out() -> None:
    code, lines = check.judge({"dependencies": [dep("a")]}, {"GHSA-gone": "old"})
    assert code == check.OK and any("not seen GHSA-gone" in line for line in lines)


def test_every_ignored_vulnerability_is_explained_in_docs_security() -> None:
    docs = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    assert IGNORES, "the ignore list is read"
    for vuln_id, reason in IGNORES.items():
        assert re.match(r"^(GHSA|PYSEC|CVE)-", vuln_id), vuln_id
        assert reason, f"{vuln_id} has no reason in the ignore file"
        assert vuln_id in docs, f"{vuln_id} is not explained in docs/security.md"
