#!/usr/bin/env bash
# Stops what scripts/run.sh --background started (TERM, then KILL after 15 s).
# INTAKE_VAR_DIR: the same as for scripts/run.sh (default var/).
cd "$(dirname "$0")/.."
VAR=${INTAKE_VAR_DIR:-var}
pids=()
for f in "$VAR"/run/*.pid; do
  [[ -f "$f" ]] || continue
  pid=$(cat "$f"); rm -f "$f"
  kill "$pid" 2>/dev/null && pids+=("$pid")
done
for _ in $(seq 1 30); do
  alive=0
  for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  [[ $alive == 0 ]] && exit 0
  sleep 0.5
done
for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
