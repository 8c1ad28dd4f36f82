#!/usr/bin/env bash
# Every test of Ticketmesh (what `./ticketmesh test` runs):
#   1. the Maven suite: unit and integration tests against embedded PostgreSQL, Redis and Kafka;
#   2. the polyglot proof: the Node.js client (clients/node) against a live local stack.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:?run through ./ticketmesh test, which finds JDK 25}"

echo "== Maven: ./mvnw -T 2 verify"
# two modules at a time: the suite mostly waits (services starting, restarts, schedules), so the modules that do not
# need booking-service's participants (realtime, workers, gateway) run beside its long tests
./mvnw -B -T 2 verify

echo "== Node client against a live stack"
data="$(mktemp -d)"
log="$data/up.log"
# a throw-away stack: fresh data, and no AOT cache recording (it only pays off across restarts); the suite signs up
# and in some seventy times from this one address in three minutes, so its sign-in budget is 60 a minute rather than 20
# (test 5 still spends it and meets the refusal), or the suite would spend minutes waiting out Retry-After
TICKETMESH_RATE_LIMIT_AUTH_PER_IP="${TICKETMESH_RATE_LIMIT_AUTH_PER_IP:-60}" TM_AOT=off ./ticketmesh up --data-dir "$data" > "$log" 2>&1 &
stack=$!
stop_stack() {
  kill -TERM "$stack" 2>/dev/null || true
  wait "$stack" 2>/dev/null || true
  rm -rf "$data"
}
trap stop_stack EXIT
for _ in $(seq 1 300); do
  if grep -q "all healthy in" "$log"; then break; fi
  if ! kill -0 "$stack" 2>/dev/null || grep -q "did not start" "$log"; then
    cat "$log"
    for f in "$data"/logs/*.log; do echo "--- $f"; tail -n 40 "$f"; done
    echo "the local stack did not start" >&2
    exit 1
  fi
  sleep 1
done
grep -A 20 "component" "$log" || { cat "$log"; echo "the local stack was not healthy within 300 s" >&2; exit 1; }
(cd clients/node && npm ci --no-fund --no-audit --loglevel=error && npm test)
