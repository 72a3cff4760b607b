#!/usr/bin/env bash
# Compares the harness's KP-NET-02 round-trip measurement with an independent tool (curl), on the same path.
#
# It builds the check's layout by hand on the local Docker engine: a tenant network, service 'web' (2 probe
# instances) and a client probe. Then, in alternating rounds:
#   harness: the client probe's own /http/latency endpoint (the code the check uses): N GET /identity
#            requests to the web instances, a new connection each (Connection: close), timed from connect
#            to the last byte;
#   curl:    the host's curl, run inside the client container's network namespace (nsenter -n), N GET
#            /identity requests to the same instances' addresses, a new connection each (Connection: close),
#            time_total per request.
# The harness warms up as the check does (up to 2,000 requests in 3 s; round 1 is exactly the check's
# situation: new servers); curl skips its first 200 requests. Both print p50/p90/p99 in ms.
# Needs root (nsenter), docker, curl, jq.
#
#   scripts/compare-latency-with-curl.sh [probe-image] [requests] [rounds]
#
# The probe image defaults to the newest localhost/platform-acceptance/probe image; run the harness once
# first (./platform-acceptance run --knelpunt KP-NET-02) so that it is the one of this source tree.
set -euo pipefail

IMAGE="${1:-$(docker images localhost/platform-acceptance/probe --format '{{.Repository}}:{{.Tag}}' | head -1)}"
REQUESTS="${2:-1000}"
ROUNDS="${3:-3}"
WARMUP=200
HARNESS_WARMUP="warmup=2000&warmupMs=3000"
RUN="compare-$$"
NETWORK="pa-$RUN"
LABELS=(--label "platform-acceptance.run=$RUN" --label "platform-acceptance.check=compare-latency-with-curl")

cleanup() {
  docker rm -f "$NETWORK-web-0" "$NETWORK-web-1" "$NETWORK-client-0" >/dev/null 2>&1 || true
  docker network rm "$NETWORK" >/dev/null 2>&1 || true
}
trap cleanup EXIT

start() { # name, alias...
  local name="$1"; shift
  local aliases=()
  for alias in "$@"; do aliases+=(--network-alias "$alias"); done
  docker run -d --name "$NETWORK-$name" --hostname "$name" "${LABELS[@]}" --network "$NETWORK" "${aliases[@]}" \
    --dns 127.0.0.1 --memory 512m -p 127.0.0.1::8081 \
    -e PROBE_INSTANCE="$name" -e PROBE_ZONE=zone-x -e PROBE_WORKLOAD="${name%-*}" "$IMAGE" >/dev/null
}

# p50 p90 p99 of numbers in ms, one a line
percentiles() {
  sort -n | awk '{ v[NR] = $1 } END {
    n = NR; split("50 90 99", ps, " ");
    for (i = 1; i <= 3; i++) { k = int((ps[i] / 100) * n + 0.999999); if (k < 1) k = 1; printf "p%s %.3f ms  ", ps[i], v[k] }
    printf "(%d samples)\n", n }'
}

docker network create "${LABELS[@]}" "$NETWORK" >/dev/null
start web-0 web
start web-1 web
start client-0
ADMIN="http://127.0.0.1:$(docker port "$NETWORK-client-0" 8081/tcp | head -1 | sed 's/.*://')"
for _ in $(seq 1 100); do curl -sf "$ADMIN/health" >/dev/null && break; sleep 0.2; done
for name in web-0 web-1; do
  admin="http://127.0.0.1:$(docker port "$NETWORK-$name" 8081/tcp | head -1 | sed 's/.*://')"
  for _ in $(seq 1 100); do curl -sf "$admin/health" >/dev/null && break; sleep 0.2; done
done
PID="$(docker inspect -f '{{.State.Pid}}' "$NETWORK-client-0")"
IPS=()
for name in web-0 web-1; do
  IPS+=("$(docker inspect -f "{{(index .NetworkSettings.Networks \"$NETWORK\").IPAddress}}" "$NETWORK-$name")")
done
echo "image $IMAGE; web at ${IPS[*]}; $REQUESTS requests a round after warm-up"

CURL_CONFIG="$(mktemp)"
for i in $(seq 1 $((REQUESTS + WARMUP))); do
  echo "url = \"http://${IPS[$((i % 2))]}:8080/identity\""
done > "$CURL_CONFIG"

SAMPLES="$(mktemp -d)"
harness() {
  curl -sf "$ADMIN/http/latency?url=http://web:8080/identity&count=$REQUESTS&$HARNESS_WARMUP&timeoutMs=2000&budgetMs=120000" \
    | jq -r '.results[] | select(.ok) | .micros / 1000' > "$SAMPLES/harness-$1"
  printf 'round %s harness  %s\n' "$1" "$(percentiles < "$SAMPLES/harness-$1")"
}
independent() {
  # The bodies go to curl's standard output, opened once (an 'output' file per URL would be opened inside
  # each timed transfer); the timings to its standard error.
  { nsenter -t "$PID" -n curl -s -H 'Connection: close' -w '%{stderr}%{time_total}\n' -K "$CURL_CONFIG" 2>&1 >/dev/null; } \
    | tail -n +$((WARMUP + 1)) | awk '{ print $1 * 1000 }' > "$SAMPLES/curl-$1"
  printf 'round %s curl     %s\n' "$1" "$(percentiles < "$SAMPLES/curl-$1")"
}
# Alternate which goes first, so that neither always meets the servers colder or the machine busier.
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then harness "$round"; independent "$round"; else independent "$round"; harness "$round"; fi
done
# Round 1 of the harness is the check's own situation (new servers); the pooled rounds smooth out a busy machine.
printf 'all rounds harness  %s\n' "$(cat "$SAMPLES"/harness-* | percentiles)"
printf 'all rounds curl     %s\n' "$(cat "$SAMPLES"/curl-* | percentiles)"
p50() { sort -n | awk '{ v[NR] = $1 } END { k = int(0.5 * NR + 0.999999); print v[k] }'; }
awk -v h="$(cat "$SAMPLES"/harness-* | p50)" -v c="$(cat "$SAMPLES"/curl-* | p50)" \
  'BEGIN { printf "p50 harness / curl: %.3f (%+.1f %% from curl)\n", h / c, 100 * (h - c) / c }'
rm -rf "$SAMPLES"
rm -f "$CURL_CONFIG"
