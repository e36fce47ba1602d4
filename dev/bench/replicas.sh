#!/usr/bin/env bash
# One and two goods-svc replicas on this machine, side by side in one run: 64 clients holding one hot SKU (one row and
# flash-sale batches) and reading a SKU's availability, sent to one replica, then split over two (a second goods-svc on
# port 8092, started here and stopped after). Prints each figure with the CPU the machine spent per request in
# MariaDB and in the JVMs: the figures the scaling ADR (docs/adr/0013-scaling-beyond-one-machine.md) extrapolates from.
# Needs the suite up and Debian's wrk. DURATION per pass (15s), after a warm-up of 8s on each replica.
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh; source dev/scripts/suite.sh
DURATION=${DURATION:-15s}
ONE=http://127.0.0.1:8082
TWO=http://127.0.0.1:8092
RUN=$(date +%s)
OUT=$(mktemp -d)
SECOND_PID=$SANTONG_RUN/goods-svc-2.pid
cleanup() { stop_pid "$SECOND_PID" "goods-svc (second replica)" >/dev/null 2>&1 || true; rm -rf "$OUT"; }
trap cleanup EXIT
GOODS=$ONE
source dev/bench/goods-stock.sh

echo "== a second goods-svc replica on :8092 (same jar, same database and Redis)"
read -ra launch <<<"$(service_launch goods-svc)"
# shellcheck disable=SC2086
LOGGING_FILE_NAME="$SANTONG_LOGS/goods-svc-2.log" LOGGING_THRESHOLD_CONSOLE=OFF MALLOC_ARENA_MAX=2 \
  nohup "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS "${launch[@]}" --server.port=8092 --management.server.port=0 \
  >>"$SANTONG_LOGS/goods-svc-2.out" 2>&1 &
echo $! >"$SECOND_PID"
wait_http "$TWO/readyz" 180 "$SECOND_PID" "goods-svc (second replica)" "$SANTONG_LOGS/goods-svc-2.log"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
DB_PID=$(cat .local/mariadb/run/mysqld.pid)
jvm_pids() { cat "$SANTONG_RUN/goods-svc.pid" "$SECOND_PID"; }
jvm_ticks() { local sum=0 pid; for pid in $(jvm_pids); do sum=$((sum + $(ticks "$pid"))); done; echo $sum; }
# pass <label> <script> <replicas> <env...>: 64 clients in all, split evenly over the replicas
pass() {
  local label=$1 script=$2 replicas=$3 db0 jvm0 rate=0 requests=0 f
  shift 3
  local urls=("$ONE"); [ "$replicas" = 2 ] && urls=("$ONE" "$TWO")
  local clients=$((64 / replicas))
  local pids=()
  for url in "${urls[@]}"; do env "$@" wrk -t1 -c"$clients" -d8s -s "$script" "$url" >/dev/null & pids+=($!); done
  wait "${pids[@]}"
  db0=$(ticks "$DB_PID"); jvm0=$(jvm_ticks)
  local i=0
  pids=()
  for url in "${urls[@]}"; do env "$@" wrk -t1 -c"$clients" -d"$DURATION" -s "$script" "$url" >"$OUT/$i.txt" & pids+=($!); i=$((i + 1)); done
  wait "${pids[@]}"
  local db=$(($(ticks "$DB_PID") - db0)) jvm=$(($(jvm_ticks) - jvm0))
  for f in "$OUT"/[0-9].txt; do
    rate=$(echo "$rate + $(awk '/Requests\/sec/ {print $2}' "$f")" | bc -l)
    requests=$((requests + $(awk '/requests in/ {print $1}' "$f" | tr -d ,)))
  done
  rm -f "$OUT"/[0-9].txt
  local hz; hz=$(getconf CLK_TCK)
  printf '    %-28s %d replica(s)  %7.0f req/s   MariaDB %.2f ms/req   goods-svc %.2f ms/req\n' "$label" "$replicas" "$rate" \
    "$(echo "$db * 1000 / $hz / $requests" | bc -l)" "$(echo "$jvm * 1000 / $hz / $requests" | bc -l)"
  echo "$rate" >"$OUT/rate"
}

cat >"$OUT/read.lua" <<'LUA'
local token = os.getenv("TOKEN")
function request()
  return wrk.format("GET", "/api/goods/skus/" .. os.getenv("SKU") .. "/availability", {["Authorization"] = "Bearer " .. token})
end
LUA
echo "== warm-up: the new replica's code paths compiled before anything is measured (each path 15 s)"
for mode in one-row flash; do
  sku "BENCH-$RUN-W-$mode" 1000000 "$mode"
  SKU="BENCH-$RUN-W-$mode" wrk -t1 -c32 -d15s -s dev/bench/reserve.lua "$TWO" >/dev/null
done
SKU="BENCH-$RUN-W-one-row" wrk -t1 -c32 -d15s -s "$OUT/read.lua" "$TWO" >/dev/null

declare -A RATE
for mode in one-row flash; do
  for replicas in 1 2; do
    code="BENCH-$RUN-R$replicas-$mode"
    sku "$code" 1000000 "$mode"
    pass "holds, $mode" dev/bench/reserve.lua "$replicas" SKU="$code"
    RATE[$mode-$replicas]=$(cat "$OUT/rate")
  done
done
for replicas in 1 2; do
  pass "availability read" "$OUT/read.lua" "$replicas" SKU="BENCH-$RUN-R1-one-row"
  RATE[read-$replicas]=$(cat "$OUT/rate")
done
for what in one-row flash read; do
  ratio=$(echo "${RATE[$what-2]} / ${RATE[$what-1]}" | bc -l)
  printf 'RESULT|%s: 2 replicas against 1, one machine of 2 cores|%.0f|req/s|%.0f req/s (1 replica)|%.2f×|for the scaling ADR|measured\n' \
    "$what" "${RATE[$what-2]}" "${RATE[$what-1]}" "$ratio"
done
