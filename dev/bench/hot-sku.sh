#!/usr/bin/env bash
# One hot SKU at 64 clients through goods-svc in each way a level can take holds (one row, flash-sale batches, hot-mode
# buckets), beside the raw ceiling of the same conditional UPDATE sent straight to MariaDB, measured before and after in
# the same run; then, per mode, a sell-out that counts oversells and times the refusals after it, and 200 shoppers for
# 50 units through the gateway. Needs the suite up (./santong up) and Debian's wrk. Prints RESULT lines for the report.
# WARMUP and DURATION per pass (8s, 15s); BUCKETS: the bucket counts measured (2 4 8 16).
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh
WARMUP=${WARMUP:-8s}
DURATION=${DURATION:-15s}
BUCKETS=${BUCKETS:-2 4 8 16}
GOODS=${GOODS_URL:-http://127.0.0.1:8082}
GATEWAY=${GATEWAY_URL:-http://127.0.0.1:8080}
SOCKET=.local/mariadb/run/mysqld.sock
RUN=$(date +%s)
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
source dev/bench/goods-stock.sh
cpu_ticks() { awk '{print $14 + $15}' "/proc/$(cat .local/run/goods-svc.pid)/stat"; }
# wrk_pass <sku> <duration> <file>: 64 clients holding one unit each for new orders
wrk_pass() { SKU=$1 wrk -t2 -c64 -d"$2" --latency -s dev/bench/reserve.lua "$GOODS" >"$3"; }
field() { awk "$1" "$2"; }
ms() { # wrk's latency (us, ms or s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.1f", n }'
}
ceiling() {
  local code="BENCH-$RUN-RAW-$1" queries=20000 start
  sku "$code" 1000000 one-row
  start=$(date +%s.%N)
  mariadb-slap --no-defaults --socket="$SOCKET" -uroot --concurrency=64 --iterations=1 --number-of-queries=$queries --create-schema=santong_goods \
    --query="UPDATE stock_level SET reserved = reserved + 1 WHERE sku_code = '$code' AND location_code = 'WH-BENCH' AND on_hand - reserved - safety_stock >= 1" >/dev/null
  echo "$queries / ($(date +%s.%N) - $start)" | bc -l
}

echo "== warm-up: goods-svc's code paths compiled before anything is measured (each mode, $WARMUP)"
for mode in one-row flash 16; do
  sku "BENCH-$RUN-W-$mode" 1000000 "$mode"
  wrk_pass "BENCH-$RUN-W-$mode" "$WARMUP" /dev/null
done

echo "== raw ceiling: the conditional UPDATE of one row, 64 connections (mariadb-slap), before the passes"
raw_before=$(ceiling before)
printf '    %-34s %8.0f updates/s\n' "raw conditional UPDATE" "$raw_before"

echo "== holds with ample stock, 64 clients: $WARMUP warm-up, then $DURATION measured, per mode"
declare -A RATE
for mode in one-row flash $BUCKETS; do
  code="BENCH-$RUN-T-$mode"
  sku "$code" 1000000 "$mode"
  wrk_pass "$code" "$WARMUP" /dev/null
  before=$(cpu_ticks)
  wrk_pass "$code" "$DURATION" "$OUT/pass.txt"
  after=$(cpu_ticks)
  rate=$(field '/Requests\/sec/ {print $2}' "$OUT/pass.txt")
  requests=$(field '/requests in/ {print $1}' "$OUT/pass.txt")
  RATE[$mode]=$rate
  label=$mode; [[ $mode =~ ^[0-9]+$ ]] && label="$mode buckets"
  printf '    %-34s %8.0f holds/s   p50 %7s ms  p99 %7s ms  goods-svc CPU %.2f ms/hold  %s\n' "$label" "$rate" \
    "$(ms "$(field '/ 50%/ {print $2}' "$OUT/pass.txt")")" "$(ms "$(field '/ 99%/ {print $2}' "$OUT/pass.txt")")" \
    "$(echo "($after - $before) * 1000 / $(getconf CLK_TCK) / $requests" | bc -l)" "$(grep statuses "$OUT/pass.txt")"
done

echo "== raw ceiling again, after the passes"
raw_after=$(ceiling after)
raw=$(echo "($raw_before + $raw_after) / 2" | bc -l)
printf '    %-34s %8.0f updates/s (the ceiling: %.0f, the mean of both)\n' "raw conditional UPDATE" "$raw_after" "$raw"
best=flash
for mode in one-row flash $BUCKETS; do
  label=$mode; [[ $mode =~ ^[0-9]+$ ]] && label="$mode buckets"
  printf '    %-34s %5.1f %% of the ceiling, %.2fx one row\n' "$label" "$(echo "100 * ${RATE[$mode]} / $raw" | bc -l)" \
    "$(echo "${RATE[$mode]} / ${RATE[one-row]}" | bc -l)"
done
verdict() { [ "$(echo "$1" | bc -l)" = 1 ] && echo MET || echo MISSED; }
printf 'RESULT|hot SKU, flash-sale mode, 64 clients|%.0f|holds/s|%.0f raw UPDATEs/s|%.1f %%|at least 30 %%|%s\n' "${RATE[$best]}" "$raw" \
  "$(echo "100 * ${RATE[$best]} / $raw" | bc -l)" "$(verdict "${RATE[$best]} >= 0.30 * $raw")"
printf 'RESULT|hot SKU, one row, 64 clients|%.0f|holds/s|%.0f raw UPDATEs/s|%.1f %%|-|-\n' "${RATE[one-row]}" "$raw" \
  "$(echo "100 * ${RATE[one-row]} / $raw" | bc -l)"
printf 'RESULT|hot SKU, flash-sale mode against one row|%.0f|holds/s|%.0f holds/s on one row|%.2fx|at least 3x|%s\n' "${RATE[flash]}" \
  "${RATE[one-row]}" "$(echo "${RATE[flash]} / ${RATE[one-row]}" | bc -l)" "$(verdict "${RATE[flash]} >= 3 * ${RATE[one-row]}")"

echo "== sell-out: 1,000 units, 64 clients for 5 s, then 5 s more on the sold-out SKU, then one client alone for its latency"
sql() { mariadb --no-defaults --socket="$SOCKET" -uroot -N -e "$1" santong_goods; }
for mode in one-row flash 16; do
  code="BENCH-$RUN-X-$mode"
  sku "$code" 1000 "$mode"
  wrk_pass "$code" 5s "$OUT/rush.txt"
  wrk_pass "$code" 5s "$OUT/late.txt"
  SKU=$code wrk -t1 -c1 -d3s --latency -s dev/bench/reserve.lua "$GOODS" >"$OUT/alone.txt"
  held=$(sql "SELECT COUNT(*) FROM reservation WHERE sku_code = '$code' AND status = 'HELD'")
  negative=$(sql "SELECT COUNT(*) FROM stock_bucket WHERE sku_code = '$code' AND available < 0")
  late=$(grep statuses "$OUT/late.txt" | sed 's/statuses: //')
  p99=$(ms "$(field '/ 99%/ {print $2}' "$OUT/alone.txt")")
  label=$mode; [[ $mode =~ ^[0-9]+$ ]] && label="$mode buckets"
  printf '    %-10s holds %4d of 1000 units, oversold %d, negative buckets %d; rush %s; after, 64 clients: %s, %.0f/s, p99 %s ms; one client: p50 %s ms, p99 %s ms\n' \
    "$label" "$held" "$(( held > 1000 ? held - 1000 : 0 ))" "$negative" "$(grep statuses "$OUT/rush.txt" | sed 's/statuses: //')" "$late" \
    "$(field '/Requests\/sec/ {print $2}' "$OUT/late.txt")" "$(ms "$(field '/ 99%/ {print $2}' "$OUT/late.txt")")" \
    "$(ms "$(field '/ 50%/ {print $2}' "$OUT/alone.txt")")" "$p99"
  only409=$([[ "$late $(grep statuses "$OUT/alone.txt" | sed 's/statuses: //')" =~ ^\ ?409=[0-9]+\ +409=[0-9]+$ ]] && echo 1 || echo 0)
  printf 'RESULT|sold out, %s: a refusal after the last unit, one client|%s|ms p99|%d held of 1000; at 64 clients %s|-|only 409, p99 under 10 ms, no oversell|%s\n' \
    "$label" "$p99" "$held" "$late" "$(verdict "$only409 == 1 && $p99 < 10 && $held == 1000 && $negative == 0")"
done

echo "== 200 shoppers for 50 units through the gateway, all at once (after three unmeasured crowds per mode: the passes"
echo "   above went to goods-svc directly, and the services compile the gateway's path late, for a cheaper start)"
for mode in one-row flash 16; do
  for round in 1 2 3; do
    sku "BENCH-$RUN-CW$round-$mode" 50 "$mode"
    GATEWAY=$GATEWAY SKU="BENCH-$RUN-CW$round-$mode" LABEL="warm-up" "$JAVA_HOME/bin/java" dev/bench/FlashCrowd.java >/dev/null
  done
done
for mode in one-row flash 16; do
  code="BENCH-$RUN-C-$mode"
  sku "$code" 50 "$mode"
  label=$mode; [[ $mode =~ ^[0-9]+$ ]] && label="$mode buckets"
  GATEWAY=$GATEWAY SKU=$code LABEL="flash crowd, $label" "$JAVA_HOME/bin/java" dev/bench/FlashCrowd.java
done
