#!/usr/bin/env bash
# Runs the product on the embedded default (SQLite): installs what is missing, trains the model
# when the training data changed, then starts
#   - the action server   (rasa-sdk, ACTION_PORT, default 5055)
#   - the Rasa server     (REST + socket.io channels, RASA_PORT, default 5005)
#   - the web app         (klantbegeleider workspace + summary API, WEB_PORT, default 8000)
# Ctrl+C stops all three. With --background it returns once all three answer, and
# scripts/stop.sh stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKGROUND=0
[[ "${1:-}" == "--background" ]] && BACKGROUND=1

scripts/setup.sh
MODEL=$(scripts/train.sh)

export ACTION_PORT=${ACTION_PORT:-5055} RASA_PORT=${RASA_PORT:-5005} WEB_PORT=${WEB_PORT:-8000}
export WEB_HOST=${WEB_HOST:-127.0.0.1} RASA_HOST=${RASA_HOST:-0.0.0.0}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTION_PORT/webhook}
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1
# Two threads are plenty per chat turn and keep TensorFlow from fighting the other processes.
export TF_NUM_INTRAOP_THREADS=${TF_NUM_INTRAOP_THREADS:-1} TF_NUM_INTEROP_THREADS=${TF_NUM_INTEROP_THREADS:-1}
mkdir -p var/log var/run

rasa_api_args=()
if [[ "${RASA_ENABLE_API:-0}" == "1" ]]; then
  [[ -n "${RASA_AUTH_TOKEN:-}" ]] || { echo "RASA_ENABLE_API=1 needs RASA_AUTH_TOKEN" >&2; exit 1; }
  rasa_api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }

.venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT" >var/log/actions.log 2>&1 &
pids+=($!); echo $! > var/run/actions.pid
.venv/bin/python -m bot web --host "$WEB_HOST" --port "$WEB_PORT" >var/log/web.log 2>&1 &
pids+=($!); echo $! > var/run/web.pid
.venv/bin/rasa run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
  --interface "$RASA_HOST" --port "$RASA_PORT" --cors "${RASA_CORS:-*}" "${rasa_api_args[@]}" >var/log/rasa.log 2>&1 &
pids+=($!); echo $! > var/run/rasa.pid
trap 'stop_all; exit 130' INT TERM

wait_for() {  # name url seconds
  for _ in $(seq 1 "$3"); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "$1 stopped; see var/log/" >&2; tail -n 20 var/log/*.log >&2; stop_all; exit 1; }; done
    sleep 1
  done
  echo "$1 did not start in $3 s; see var/log/" >&2; stop_all; exit 1
}
wait_for "action server" "http://127.0.0.1:$ACTION_PORT/health" 60
wait_for "web app" "http://127.0.0.1:$WEB_PORT/api/health" 60
wait_for "Rasa server" "http://127.0.0.1:$RASA_PORT/" 180

cat <<MSG
Intake-assistent draait:
  chat (REST):       POST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook  {"sender": "...", "message": "hoi"}
  chat (in browser): http://127.0.0.1:$WEB_PORT/chat
  werkplek:          http://127.0.0.1:$WEB_PORT/   (eerste beheerder: .venv/bin/python -m bot create-admin)
  API:               GET http://127.0.0.1:$WEB_PORT/api/intakes/<sender>  (Bearer \$INTAKE_API_TOKEN)
  logs:              var/log/
MSG
if [[ $BACKGROUND == 1 ]]; then
  trap - INT TERM
  exit 0
fi
echo "Stoppen: Ctrl+C"
wait -n "${pids[@]}" || true
stop_all
