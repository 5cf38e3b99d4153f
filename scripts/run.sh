#!/usr/bin/env bash
# Runs the product: installs what is missing, trains the model when the training data changed,
# then starts it. Ctrl+C stops everything; with --background it returns once everything
# answers, and scripts/stop.sh stops it.
#
#   scripts/run.sh               the embedded default, one machine, SQLite:
#                                  action server (ACTION_PORT, 5055), Rasa server (RASA_PORT,
#                                  5005: REST + socket.io), web app (WEB_PORT, 8000)
#   scripts/run.sh --scale N     N Rasa servers behind nginx (on RASA_PORT, no sticky sessions),
#                                  sharing Rasa's SQL tracker store on PostgreSQL and Rasa's Redis
#                                  lock store; ACTION_WORKERS action-server workers (default:
#                                  one per core); WEB_INSTANCES web apps (default 2) behind nginx
#                                  on WEB_PORT; all on the same PostgreSQL (DATABASE_URL, default
#                                  postgresql://postgres@127.0.0.1:5432/intake, created if missing).
#                                  PostgreSQL, Redis and nginx are installed/started when missing.
#
# INTAKE_VAR_DIR (default var/) holds logs, pid files and the generated nginx configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BACKGROUND=0
SCALE=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --background) BACKGROUND=1 ;;
    --scale) SCALE="${2:?--scale needs a number}"; shift ;;
    --scale=*) SCALE="${1#--scale=}" ;;
    *) echo "unknown option $1 (use --background, --scale N)" >&2; exit 2 ;;
  esac
  shift
done
[[ "$SCALE" =~ ^[0-9]+$ ]] || { echo "--scale needs a number" >&2; exit 2; }

if [[ $SCALE -gt 0 ]]; then scripts/setup.sh --scale; else scripts/setup.sh; fi
MODEL=$(scripts/train.sh)

VAR=${INTAKE_VAR_DIR:-$ROOT/var}
mkdir -p "$VAR/log" "$VAR/run"
# Chat saves that wait while the database is away (bot/storage/outbox.py).
export INTAKE_OUTBOX_DIR=${INTAKE_OUTBOX_DIR:-$VAR/outbox}
export ACTION_PORT=${ACTION_PORT:-5055} RASA_PORT=${RASA_PORT:-5005} WEB_PORT=${WEB_PORT:-8000}
export WEB_HOST=${WEB_HOST:-127.0.0.1} RASA_HOST=${RASA_HOST:-0.0.0.0}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTION_PORT/webhook}
# The action server runs code on request: reachable from this machine only.
export SANIC_HOST=${ACTION_HOST:-127.0.0.1}
# Sanic (the action server and Rasa) closes an idle keep-alive connection after 5 s, while its
# clients keep one for longer (Rasa's aiohttp session 15 s, nginx 60 s): a message sent on a
# connection the server closes at that moment fails ("Can not write request body"; 2 turns in
# 42,000 in the soak, each told "storing"). The server now keeps them longer than any client.
export SANIC_KEEP_ALIVE_TIMEOUT=${SANIC_KEEP_ALIVE_TIMEOUT:-75}
export TF_CPP_MIN_LOG_LEVEL=2 PYTHONWARNINGS=ignore SQLALCHEMY_SILENCE_UBER_WARNING=1
# Two threads are plenty per chat turn and keep TensorFlow from fighting the other processes.
export TF_NUM_INTRAOP_THREADS=${TF_NUM_INTRAOP_THREADS:-1} TF_NUM_INTEROP_THREADS=${TF_NUM_INTEROP_THREADS:-1}

rasa_api_args=()
if [[ "${RASA_ENABLE_API:-0}" == "1" ]]; then
  [[ -n "${RASA_AUTH_TOKEN:-}" ]] || { echo "RASA_ENABLE_API=1 needs RASA_AUTH_TOKEN" >&2; exit 1; }
  rasa_api_args=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

pids=()
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
start() {  # name command...: starts in the background, logs to $VAR/log/name.log
  local name=$1; shift
  "$@" >"$VAR/log/$name.log" 2>&1 &
  pids+=($!); echo $! > "$VAR/run/$name.pid"
}
wait_for() {  # name url seconds
  for _ in $(seq 1 "$3"); do
    curl -fsS -o /dev/null "$2" 2>/dev/null && return 0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "$1 stopped; see $VAR/log/" >&2; tail -n 20 "$VAR"/log/*.log >&2; stop_all; exit 1; }; done
    sleep 1
  done
  echo "$1 did not start in $3 s; see $VAR/log/" >&2; stop_all; exit 1
}
trap 'stop_all; exit 130' INT TERM

if [[ $SCALE -eq 0 ]]; then
  start actions .venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT"
  start web .venv/bin/python -m bot web --host "$WEB_HOST" --port "$WEB_PORT"
  start rasa .venv/bin/rasa run --model "$MODEL" --endpoints endpoints.yml --credentials credentials.yml \
    --interface "$RASA_HOST" --port "$RASA_PORT" --cors "${RASA_CORS:-*}" "${rasa_api_args[@]}"
  wait_for "action server" "http://127.0.0.1:$ACTION_PORT/health" 60
  wait_for "web app" "http://127.0.0.1:$WEB_PORT/api/health" 60
  wait_for "Rasa server" "http://127.0.0.1:$RASA_PORT/" 180
else
  export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/intake}
  export TRACKER_DATABASE_URL=${TRACKER_DATABASE_URL:-$DATABASE_URL}
  export REDIS_HOST=${REDIS_HOST:-127.0.0.1} REDIS_PORT=${REDIS_PORT:-6379} REDIS_LOCK_DB=${REDIS_LOCK_DB:-1}
  export REDIS_URL=${REDIS_URL:-redis://$REDIS_HOST:$REDIS_PORT/2}
  # Rasa's lock: a message waits at most this long for the one before it (seconds).
  export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-60}
  export ACTION_SERVER_SANIC_WORKERS=${ACTION_WORKERS:-$(nproc)}
  WEB_INSTANCES=${WEB_INSTANCES:-2}
  # nginx's shared chat limit per client address (docs/deployment.md, "Rate limits").
  CHAT_NGINX_RATE=${CHAT_NGINX_RATE:-10r/s} CHAT_NGINX_BURST=${CHAT_NGINX_BURST:-100}
  RASA_BASE=${RASA_INSTANCE_BASE_PORT:-$((RASA_PORT + 100))}
  WEB_BASE=${WEB_INSTANCE_BASE_PORT:-$((WEB_PORT + 100))}
  .venv/bin/python -m bot db-create

  start actions .venv/bin/python -m rasa_sdk --actions actions --port "$ACTION_PORT"
  wait_for "action server" "http://127.0.0.1:$ACTION_PORT/health" 60
  rasa_upstream="" web_upstream=""
  for i in $(seq 1 "$SCALE"); do
    port=$((RASA_BASE + i - 1))
    start "rasa-$i" .venv/bin/rasa run --model "$MODEL" --endpoints endpoints.scale.yml \
      --credentials credentials.yml --interface 127.0.0.1 --port "$port" --cors "${RASA_CORS:-*}" "${rasa_api_args[@]}"
    rasa_upstream+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  for i in $(seq 1 "$WEB_INSTANCES"); do
    port=$((WEB_BASE + i - 1))
    start "web-$i" .venv/bin/python -m bot web --host 127.0.0.1 --port "$port" --proxy-headers
    web_upstream+="    server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  user_line=""; [[ $(id -u) == 0 ]] && user_line="user root;"
  cat > "$VAR/run/nginx.conf" <<NGINX
# Generated by scripts/run.sh --scale $SCALE; see docs/deployment.md.
$user_line
worker_processes 1;
pid $VAR/run/nginx-master.pidfile;
error_log $VAR/log/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $VAR/run/nginx-body;
  proxy_temp_path $VAR/run/nginx-proxy;
  fastcgi_temp_path $VAR/run/nginx-fastcgi;
  uwsgi_temp_path $VAR/run/nginx-uwsgi;
  scgi_temp_path $VAR/run/nginx-scgi;
  client_max_body_size 256k;
  client_body_buffer_size 256k;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  # One chat limit per client address shared by every Rasa server (each server also limits
  # per sender and per address on its own, components/channels.py). Loopback is not limited
  # here: the web app's chat relay sends for many people and names each in X-Forwarded-For.
  geo \$chat_limited { default 1; 127.0.0.0/8 0; ::1 0; }
  map \$chat_limited \$chat_limit_key { 0 ""; default \$binary_remote_addr; }
  limit_req_zone \$chat_limit_key zone=chat_per_address:10m rate=$CHAT_NGINX_RATE;
  limit_req_status 429;
  # Round robin, no sticky sessions: any instance can take any message.
  upstream rasa {
$rasa_upstream    keepalive 64;
  }
  upstream web {
$web_upstream    keepalive 16;
  }
  server {
    listen $RASA_HOST:$RASA_PORT;
    location / {
      limit_req zone=chat_per_address burst=$CHAT_NGINX_BURST nodelay;
      error_page 429 = @chat_too_many;
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_read_timeout 60s;
      # An instance that is down: the message goes to the next one (it was not sent yet).
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 3;
    }
    location @chat_too_many {  # the channel's own 429, in JSON with a Dutch text
      default_type application/json;
      add_header Retry-After 2 always;
      return 429 '{"error": "Too many messages; try again later.", "retry_after": 2, "text": "Je stuurt veel berichten snel na elkaar. Wacht even. Je antwoorden tot nu toe zijn bewaard. Stuur je bericht over een paar seconden nog een keer."}';
    }
    location /socket.io/ {
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
    }
  }
  server {
    listen $WEB_HOST:$WEB_PORT;
    location / {
      proxy_pass http://web;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout http_502;
    }
  }
}
NGINX
  start nginx nginx -p "$VAR/run" -e "$VAR/log/nginx-error.log" -c "$VAR/run/nginx.conf" -g "daemon off;"
  for i in $(seq 1 "$WEB_INSTANCES"); do
    wait_for "web app $i" "http://127.0.0.1:$((WEB_BASE + i - 1))/api/health" 60
  done
  for i in $(seq 1 "$SCALE"); do
    wait_for "Rasa server $i" "http://127.0.0.1:$((RASA_BASE + i - 1))/" 240
  done
  wait_for "nginx" "http://127.0.0.1:$RASA_PORT/" 20
fi

cat <<MSG
Intake-assistent draait$([[ $SCALE -gt 0 ]] && echo " ($SCALE Rasa-servers achter nginx, PostgreSQL en Redis)"):
  chat (REST):       POST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook  {"sender": "...", "message": "hoi"}
  chat (in browser): http://127.0.0.1:$WEB_PORT/   (voorbeeldpagina van de gemeente met de chat)
  werkplek:          http://127.0.0.1:$WEB_PORT/werkplek   (eerste beheerder: .venv/bin/python -m bot create-admin)
  API:               GET http://127.0.0.1:$WEB_PORT/api/intakes/<sender>  (Bearer \$INTAKE_API_TOKEN)
  logs:              $VAR/log/
MSG
if [[ $BACKGROUND == 1 ]]; then
  trap - INT TERM
  exit 0
fi
echo "Stoppen: Ctrl+C"
wait -n "${pids[@]}" || true
stop_all
