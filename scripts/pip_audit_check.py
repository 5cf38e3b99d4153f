#!/usr/bin/env python3
"""Judge a ``pip-audit --format json`` report against the documented ignore list.

    pip_audit_check.py REPORT.json IGNORE.txt

Exit 0: every installed package was checked, and every vulnerability found is on the ignore
list (each explained in docs/security.md). Exit 1: a vulnerability that is not on the list.
Exit 3: the audit could not check (some packages were skipped, usually because the
vulnerability service could not be reached): the result says nothing, so it must never read
as "no known vulnerabilities". Standard library only: it runs in .venv-audit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OK, FOUND, NOT_AUDITED = 0, 1, 3
OWN = {"intake-assistent"}  # this project, installed editable


def read_ignores(path: Path) -> dict[str, str]:
    """``ID  package  reason`` lines; ``#`` starts a comment."""
    ignores: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            vuln_id, _, rest = line.partition(" ")
            ignores[vuln_id.strip()] = rest.strip()
    return ignores


def judge(report: dict, ignores: dict[str, str]) -> tuple[int, list[str]]:
    lines: list[str] = []
    deps = report.get("dependencies") or []
    skipped = [d for d in deps if d.get("skip_reason") and d.get("name") not in OWN]
    found, ignored, seen = [], [], set()
    for dep in deps:
        for vuln in dep.get("vulns") or []:
            ids = {vuln.get("id"), *(vuln.get("aliases") or [])} - {None}
            seen |= ids
            where = f"{dep['name']} {dep['version']}: {vuln.get('id')}"
            fix = ", ".join(vuln.get("fix_versions") or []) or "no fix"
            if ids & set(ignores):
                ignored.append(f"  ignored  {where} (fixed in {fix}; docs/security.md)")
            else:
                found.append(f"  FOUND    {where} (fixed in {fix})")
    lines += found + ignored
    stale = sorted(set(ignores) - seen)
    if not skipped:
        lines += [f"  not seen {i}: on the ignore list but not reported; remove it?" for i in stale]
    checked = len(deps) - len(skipped) - sum(1 for d in deps if d.get("name") in OWN)
    if found:
        lines.append(f"pip-audit: {len(found)} known vulnerability(ies) not on the ignore list"
                     " (scripts/pip-audit-ignore.txt, docs/security.md)")
        return FOUND, lines
    if skipped:
        reasons = sorted({d["skip_reason"].split(":")[0] for d in skipped})
        lines.append(f"pip-audit: NOT AUDITED: {len(skipped)} of {len(deps)} packages could not be"
                     f" checked ({'; '.join(reasons)}). The vulnerability service was not"
                     " reached: this is no clean bill of health.")
        return NOT_AUDITED, lines
    lines.append(f"pip-audit: {checked} packages checked, no known vulnerability unexplained"
                 f" ({len(ignored)} ignored, see docs/security.md)")
    return OK, lines


def main(argv: list[str]) -> int:
    report_path, ignore_path = Path(argv[1]), Path(argv[2])
    try:
        report = json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        print("pip-audit: NOT AUDITED: no report (the audit itself failed; see above)")
        return NOT_AUDITED
    code, lines = judge(report, read_ignores(ignore_path))
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
