#!/usr/bin/env bash
# Stops what scripts/run.sh --background started.
cd "$(dirname "$0")/.."
for f in var/run/*.pid; do
  [[ -f "$f" ]] || continue
  kill "$(cat "$f")" 2>/dev/null || true
  rm -f "$f"
done
