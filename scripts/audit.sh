#!/usr/bin/env bash
# pip-audit of the installed packages (.venv), judged against the documented ignore list.
#   scripts/audit.sh     exit 0 clean, 1 a vulnerability not on the list, 3 could not audit
# pip-audit runs from its own venv (.venv-audit, made by scripts/setup.sh --test), so it never
# changes the pinned .venv. PIP_AUDIT_SERVICE: pypi (default; PyPI's JSON API) or osv.
# See docs/security.md for the ignore list and what "could not audit" means.
set -uo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv-audit/bin/pip-audit ]] || { echo "pip-audit: NOT AUDITED: .venv-audit missing (scripts/setup.sh --test)"; exit 3; }
report=$(mktemp); trap 'rm -f "$report"' EXIT
# Ignored vulnerabilities are still reported (no --ignore-vuln): the check below lists them.
.venv-audit/bin/pip-audit --path .venv/lib/python3.10/site-packages --skip-editable \
  --vulnerability-service "${PIP_AUDIT_SERVICE:-pypi}" --timeout "${PIP_AUDIT_TIMEOUT:-30}" \
  --progress-spinner off --desc off --aliases on --format json --output "$report" \
  >/dev/null 2>"$report.err"
status=$?
if [[ $status -ne 0 && $status -ne 1 ]] || [[ ! -s "$report" ]]; then
  tail -n 3 "$report.err" | sed 's/^/  /'
  rm -f "$report.err"
  echo "pip-audit: NOT AUDITED: pip-audit failed (exit $status), most likely the vulnerability service could not be reached."
  exit 3
fi
rm -f "$report.err"
.venv-audit/bin/python scripts/pip_audit_check.py "$report" scripts/pip-audit-ignore.txt
