#!/usr/bin/env bash
# Benchmark: POST /api/v1/recommendations and GET /r/<token> (a shared report page) against
# GET /api/v1/questionnaire (the floor: a precomputed answer), served by gunicorn with 2
# workers, measured with wrk, in one run.
#
#   bench/http.sh [seconds per measurement, default 10] [connections, default 4] [rounds, default 3]
#
# Serves the app on a free 127.0.0.1 port against a temporary SQLite database with the
# shipped catalog loaded and one shared report (bench/report_fixture.py); measures the three
# endpoints in turn, round after round, and prints for each its requests/s, p99 latency and
# ratio to the floor (medians over the rounds). Aims: recommendations ratio >= 0.5 with p99
# < 100 ms (issue 4); report page ratio >= 0.4 (issue 5). Needs wrk: if it is missing this
# script installs it with `apt-get install -y wrk` (root) or tells you to.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
GUNICORN="$ROOT/.venv/bin/gunicorn"
DURATION=${1:-10}
CONNECTIONS=${2:-4}
THREADS=$(( CONNECTIONS < 2 ? 1 : 2 ))
ROUNDS=${3:-3}

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "wrk is missing: installing it with apt-get install -y wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is missing: install it (e.g. sudo apt-get install -y wrk) and run again." >&2
    exit 1
  fi
fi

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" && wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/bench.sqlite3"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="bench-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export LOG_LEVEL=WARNING
unset REDIS_URL

echo "Preparing a temporary SQLite database with the shipped catalog and a shared report..."
"$PY" manage.py migrate --noinput >/dev/null
"$PY" manage.py load_catalog >/dev/null
# Pages are served as in production (DEBUG off): their static files need the manifest.
"$PY" manage.py collectstatic --noinput >/dev/null
REPORT=$("$PY" bench/report_fixture.py | tail -n 1)

PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$GUNICORN" config.wsgi:application --workers 2 --bind "127.0.0.1:$PORT" \
  --log-level warning --error-logfile "$WORK/gunicorn.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "$BASE/healthz" >/dev/null || { echo "gunicorn did not start:"; cat "$WORK/gunicorn.log"; exit 1; }

# Six realistic workloads, sent in turn (each a full recommendation: no answer is kept, only
# priced estimates, as in production):
# a relational service with DR, a cache and a migration; a key-value store with DAX; a spiky
# API on Serverless candidates; an Oracle rehost; sessions in memory; a small dev database.
cat >"$WORK/post.lua" <<'LUA'
local bodies = {
  [[{"name": "orders", "data_model": "relational", "reads_per_sec": 4000, "writes_per_sec": 400,
    "storage_gb": 800, "storage_growth_gb_per_month": 20, "consistency": "eventual",
    "latency_p99_ms": 4, "traffic_pattern": "predictable_peaks", "availability_target": 99.95,
    "rpo_seconds": 60, "rto_seconds": 300, "multi_region": "dr",
    "regions": ["us-east-1", "us-west-2"], "needs_joins": true,
    "migration_source": {"engine": "mysql", "max_downtime_minutes": 15},
    "monthly_budget_usd": 6000}]],
  [[{"name": "carts", "data_model": "key_value", "reads_per_sec": 20000, "writes_per_sec": 2000,
    "storage_gb": 300, "consistency": "eventual", "latency_p99_ms": 0.8, "data_ttl_days": 30,
    "traffic_pattern": "unpredictable", "regions": ["eu-west-1"]}]],
  [[{"name": "events api", "data_model": "document", "reads_per_sec": 1500, "writes_per_sec": 600,
    "storage_gb": 120, "traffic_pattern": "spiky", "needs_change_stream": true,
    "consistency": "read_after_write", "regions": ["ap-southeast-2"]}]],
  [[{"name": "erp", "data_model": "relational", "reads_per_sec": 900, "writes_per_sec": 150,
    "storage_gb": 2500, "engine_preference": "oracle", "needs_joins": true,
    "needs_transactions": true, "iops_required": 15000, "backup_retention_days": 14,
    "migration_source": {"engine": "oracle", "location": "on_premises"}}]],
  [[{"name": "sessions", "data_model": "in_memory", "reads_per_sec": 30000, "writes_per_sec": 3000,
    "storage_gb": 25, "rpo_seconds": null, "latency_p99_ms": 0.5, "consistency": "eventual"}]],
  [[{"name": "prototype", "data_model": "relational", "environment": "development",
    "reads_per_sec": 20, "writes_per_sec": 2, "storage_gb": 5, "traffic_pattern": "mostly_idle"}]],
}
-- The requests are built once per wrk thread: wrk.format on every request costs the client
-- CPU that the server, on the same cores, would otherwise use.
local requests = {}
local i = 0
init = function(args)
  for k, body in ipairs(bodies) do
    requests[k] = wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
  end
end
request = function()
  i = i % #requests + 1
  return requests[i]
end
LUA
"$PY" - "$WORK/post.lua" "$BASE/api/v1/recommendations" <<'PYTHON'
import json, re, sys, urllib.request
bodies = re.findall(r"\[\[(.*?)\]\]", open(sys.argv[1]).read(), re.S)
for body in bodies:
    json.loads(body)  # each must be valid JSON
    request = urllib.request.Request(sys.argv[2], body.encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200 and json.load(response)["primary"], body[:60]
print(f"{len(bodies)} workloads answered 200 with a primary option")
PYTHON
curl -fsS -o /dev/null "$BASE$REPORT" || { echo "the report page $REPORT did not answer 200"; exit 1; }
echo "report page $REPORT answered 200"

# Warm both workers (each builds its PriceBook and its report page on first use), then measure.
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE/api/v1/questionnaire" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -s "$WORK/post.lua" "$BASE/api/v1/recommendations" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$BASE$REPORT" >/dev/null

echo "Measuring ${ROUNDS} rounds of ${DURATION}s per endpoint, in turn, $CONNECTIONS connections," \
  "2 gunicorn workers on $(nproc) CPUs (medians reported: other load on the machine shows as noise)..."
for round in $(seq 1 "$ROUNDS"); do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE/api/v1/questionnaire" \
    >"$WORK/get.$round.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/post.lua" \
    "$BASE/api/v1/recommendations" >"$WORK/post.$round.txt"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$REPORT" \
    >"$WORK/report.$round.txt"
done

"$PY" - "$WORK" "$ROUNDS" <<'PYTHON'
import re, statistics, sys

def read(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", text).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return rps, p99, int(errors.group(1)) if errors else 0

work, rounds = sys.argv[1], int(sys.argv[2])
runs = {name: [read(f"{work}/{name}.{r}.txt") for r in range(1, rounds + 1)]
        for name in ("get", "post", "report")}  # fmt: skip
for r in range(rounds):
    g, p, rep = runs["get"][r], runs["post"][r], runs["report"][r]
    print(f"  round {r + 1}: GET floor {g[0]:7,.0f} req/s p99 {g[1]:6.1f} ms | "
          f"POST {p[0]:7,.0f} req/s p99 {p[1]:6.1f} ms ratio {p[0] / g[0]:.2f} | "
          f"report {rep[0]:7,.0f} req/s p99 {rep[1]:6.1f} ms ratio {rep[0] / g[0]:.2f}")
median = {name: (statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs))
          for name, xs in runs.items()}  # fmt: skip
floor = median["get"][0]
for name, label, aim in (
    ("get", "GET  /api/v1/questionnaire (floor)", ""),
    ("post", "POST /api/v1/recommendations      ", "aim >= 0.5, p99 < 100 ms"),
    ("report", "GET  /r/<token> (shared report)   ", "aim >= 0.4"),
):
    rps, p99 = median[name]
    print(f"{label} {rps:9,.0f} req/s   p99 {p99:7.1f} ms   ratio {rps / floor:.2f}"
          + (f"   ({aim})" if aim else ""))
if any(x[2] for xs in runs.values() for x in xs):
    sys.exit("some responses were not 2xx")
PYTHON
