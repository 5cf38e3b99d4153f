#!/usr/bin/env bash
# Installs what is missing; safe to run again (it skips what is already there).
#   scripts/setup.sh          runtime: Python 3.10 venv with the pinned packages
#   scripts/setup.sh --scale  also nginx (Debian package), and PostgreSQL/Redis running
#   scripts/setup.sh --test   also test tools, Debian's chromium and nginx, PostgreSQL/Redis running
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WANT_TEST=0 WANT_SCALE=0
[[ "${1:-}" == "--test" ]] && WANT_TEST=1 WANT_SCALE=1
[[ "${1:-}" == "--scale" ]] && WANT_SCALE=1

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- Python 3.10 (Rasa 3.6 needs it). .python-version makes pyenv's python resolve to it. ---
find_python() {
  for candidate in "$(command -v pyenv >/dev/null 2>&1 && pyenv which python3.10 2>/dev/null || true)" \
                   "$HOME/.pyenv/versions/3.10"*/bin/python3.10 \
                   "$(command -v python3.10 || true)"; do
    if [[ -n "$candidate" && -x "$candidate" ]] && "$candidate" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}
if [[ ! -x .venv/bin/python ]] || ! .venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then
  PY=$(find_python) || { echo "Python 3.10 is needed (pyenv install 3.10, or apt python3.10)." >&2; exit 1; }
  log "creating .venv with $PY"
  rm -rf .venv
  "$PY" -m venv .venv
  .venv/bin/pip install -q --upgrade "pip<24.1" wheel
fi

# --- Python packages: reinstall only when pyproject.toml or constraints.txt changed. ---
extras=""
[[ $WANT_TEST == 1 ]] && extras="[test]"
stamp=".venv/.installed-$( (cat pyproject.toml constraints.txt; echo "$extras") | sha256sum | cut -c1-16)"
if [[ ! -f "$stamp" ]]; then
  log "installing Python packages (first time takes a few minutes)"
  .venv/bin/pip install -q -c constraints.txt -e ".${extras}"
  rm -f .venv/.installed-*
  touch "$stamp"
  # a test install also satisfies the runtime install
  [[ -n "$extras" ]] && touch ".venv/.installed-$( (cat pyproject.toml constraints.txt; echo "") | sha256sum | cut -c1-16)"
fi

apt_install() {  # installs Debian packages when missing
  local SUDO=""; [[ $(id -u) == 0 ]] || SUDO="sudo"
  if [[ -z "${APT_UPDATED:-}" ]]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
# --- Fonts for the PDF export (names like "Şükrü" need a Unicode font). ---
if [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]]; then
  log "installing fonts-dejavu-core (Debian package)"
  apt_install fonts-dejavu-core
fi

if [[ $WANT_TEST == 1 ]]; then
  # --- pip-audit in a venv of its own: its dependencies never touch the pinned .venv. ---
  PIP_AUDIT_VERSION=2.10.1
  if [[ ! -f ".venv-audit/.pip-audit-$PIP_AUDIT_VERSION" ]]; then
    log "creating .venv-audit with pip-audit $PIP_AUDIT_VERSION"
    rm -rf .venv-audit
    "$(.venv/bin/python -c 'import sys; print(sys.base_prefix)')/bin/python3.10" -m venv .venv-audit
    .venv-audit/bin/pip install -q "pip-audit==$PIP_AUDIT_VERSION"
    touch ".venv-audit/.pip-audit-$PIP_AUDIT_VERSION"
  fi
  # --- Debian's Chromium for the browser tests (Playwright drives it; no browser download). ---
  if ! command -v chromium >/dev/null 2>&1; then
    log "installing chromium (Debian package)"
    apt_install chromium
  fi
fi
if [[ $WANT_SCALE == 1 ]]; then
  # --- nginx balances the Rasa servers of scripts/run.sh --scale N. ---
  if ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then
    log "installing nginx (Debian package)"
    # Install only: the scaled setup runs its own nginx with its own configuration, so the
    # package must not start the system-wide one on port 80 (policy-rc.d says "not now").
    made_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d && $(id -u) == 0 ]]; then
      printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; made_policy=1
    fi
    apt_install nginx-light || apt_install nginx
    [[ $made_policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
  fi
  # --- PostgreSQL and Redis: the storage tests run against the real servers. ---
  if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
  fi
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
    for _ in $(seq 1 20); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
fi
mkdir -p var
