#!/usr/bin/env bash
# make schemathesis: fuzz /api/v1 as member A, with member B's ids at hand, on a throwaway database.
# DB=sqlite (default) or DB=postgres (DATABASE_URL=postgres://…/ph_schemathesis, dropped and made anew).
# SCHEMATHESIS_MAX_EXAMPLES bounds the cases per operation (CI: 10, a few minutes). Every check is on but two:
# positive_data_acceptance and negative_data_rejection, which hold the schema to the services' business rules (an
# empty title, a date in the future) and pydantic's lax parsing ("0" as a date); see docs/ARCHITECTURE.md.
# Response time is bounded at 30 s: POST /safety/check-text with 20,000 "0"s takes 7-11 s (a known slow path).
set -euo pipefail
cd "$(dirname "$0")/../.."
DB="${DB:-sqlite}"
PORT="${PORT:-18310}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-10}"
VAR="$PWD/var/schemathesis-$DB"
rm -rf "$VAR" && mkdir -p "$VAR"

export DEBUG=0 SECURE_SSL_REDIRECT=0 RATE_LIMITS=off ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY=schemathesis-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH
export DATA_ENCRYPTION_KEYS=c2NoZW1hdGhlc2lzLW9ubHktMDEyMzQ1Njc4OWFiY2Q=
export STATIC_ROOT="$VAR/static" MEDIA_ROOT="$VAR/media"
unset REDIS_URL
if [ "$DB" = postgres ]; then
  export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ph_schemathesis}"
  name="${DATABASE_URL##*/}"
  psql "${DATABASE_URL%/*}/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
else
  unset DATABASE_URL
  export SQLITE_PATH="$VAR/db.sqlite3"
fi

.venv/bin/python manage.py migrate --noinput -v 0
.venv/bin/python manage.py fuzz_members --out "$VAR/members.json"
.venv/bin/python -m peerhaven.serve --host 127.0.0.1 --port "$PORT" --no-worker >"$VAR/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/v1/openapi.json" 2>/dev/null && break
  sleep 0.5
done
.venv/bin/python tests/schemathesis/seed.py "http://127.0.0.1:$PORT" "$VAR/members.json" "$VAR/ids.json"
token_a=$(.venv/bin/python -c 'import json,sys; print(json.load(open(sys.argv[1]))["a"]["token"])' "$VAR/members.json")

status=0
SCHEMATHESIS_HOOKS=tests.schemathesis.hooks FUZZ_IDS="$VAR/ids.json" PYTHONPATH="$PWD" \
  .venv/bin/schemathesis run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --url "http://127.0.0.1:$PORT" \
  -H "Authorization: Bearer $token_a" \
  --checks all \
  --exclude-checks positive_data_acceptance,negative_data_rejection \
  --max-examples "$MAX_EXAMPLES" \
  --seed "${SCHEMATHESIS_SEED:-11}" \
  --generation-database none \
  --workers 2 \
  --request-timeout "${SCHEMATHESIS_REQUEST_TIMEOUT:-30}" \
  --max-response-time "${SCHEMATHESIS_MAX_RESPONSE_TIME:-30}" \
  --no-color \
  --report junit --report-junit-path "$VAR/junit.xml" \
  "$@" || status=$?
if grep -q "Traceback" "$VAR/server.log"; then
  echo "server log has tracebacks:" && grep -B2 -A20 "Traceback" "$VAR/server.log" | head -80
  status=1
fi
exit "$status"
