#!/usr/bin/env bash
# Reservations of one hot SKU at 64 concurrent clients through goods-svc, the raw ceiling of the same conditional
# UPDATE issued straight to MariaDB, and hot-SKU mode (16 buckets); then, for both modes, an exhaustion run that
# counts oversells. All in one run against the same MariaDB. Needs the suite up (./santong up) and Debian's wrk.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-15s}
GOODS=${GOODS_URL:-http://127.0.0.1:8082}
SOCKET=.local/mariadb/run/mysqld.sock
KC=http://localhost:8180/realms/santong/protocol/openid-connect/token
token() { curl -fsS "$KC" "$@" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
HQ=$(token -d grant_type=password -d client_id=santong-dev -d client_secret=santong-dev-secret -d username=hq-admin -d password=santong-demo)
export TOKEN; TOKEN=$(token -d grant_type=client_credentials -d client_id=shop-backend -d client_secret=shop-backend-secret)
export LOCATION=WH-BENCH
RUN=$(date +%s)
hq() { curl -fsS -o /dev/null -H "Authorization: Bearer $HQ" -H 'Content-Type: application/json' "$@"; }
hq -X PUT -d '{"name":"Benchmark warehouse","kind":"WAREHOUSE","pickupEnabled":false,"onlineBuffer":0}' "$GOODS/api/goods/locations/WH-BENCH"
sku() { # sku <code> <units>
  hq -X POST -d "{\"code\":\"$1\",\"name\":\"Benchmark $1\",\"warrantyMonths\":0}" "$GOODS/api/goods/skus"
  hq -X POST -d "{\"sku\":\"$1\",\"location\":\"WH-BENCH\",\"cause\":\"RECEIPT\",\"quantity\":$2,\"businessTime\":\"2026-11-20T00:00:00Z\",\"reference\":\"bench-$1\"}" \
    "$GOODS/api/goods/stock/movements"
}
run() { # run <label> <sku>: wrk, printing req/s and latency
  SKU=$2 wrk -t2 -c64 -d"$DURATION" --latency -s dev/bench/reserve.lua "$GOODS" >/tmp/santong-bench-reserve.txt
  local rate non2xx
  rate=$(awk '/Requests\/sec/ {print $2}' /tmp/santong-bench-reserve.txt)
  non2xx=$(awk '/Non-2xx/ {print $5}' /tmp/santong-bench-reserve.txt)
  printf '    %-34s %8.0f req/s   p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$rate" >&2 \
    "$(awk '/ 50%/ {print $2}' /tmp/santong-bench-reserve.txt)" "$(awk '/ 99%/ {print $2}' /tmp/santong-bench-reserve.txt)" "${non2xx:-0}"
  echo "$rate"
}
sql() { mariadb --no-defaults --socket="$SOCKET" -uroot -N -e "$1" santong_goods; }

echo "== throughput with ample stock, 64 clients, $DURATION each"
sku "BENCH-$RUN-N" 1000000
normal=$(run "goods-svc, one row" "BENCH-$RUN-N")
sku "BENCH-$RUN-H" 1000000
hq -X PUT -d '{"buckets":16}' "$GOODS/api/goods/stock/BENCH-$RUN-H/WH-BENCH/hot-mode"
hot=$(run "goods-svc, hot mode (16 buckets)" "BENCH-$RUN-H")
sku "BENCH-$RUN-R" 1000000
queries=20000
start=$(date +%s.%N)
mariadb-slap --no-defaults --socket="$SOCKET" -uroot --concurrency=64 --iterations=1 --number-of-queries=$queries --create-schema=santong_goods \
  --query="UPDATE stock_level SET reserved = reserved + 1 WHERE sku_code = 'BENCH-$RUN-R' AND location_code = 'WH-BENCH' AND on_hand - reserved - safety_stock >= 1" >/dev/null
raw=$(echo "$queries / ($(date +%s.%N) - $start)" | bc -l)
printf '    %-34s %8.0f updates/s (mariadb-slap, 64 connections, %d statements)\n' "raw conditional UPDATE" "$raw" "$queries"
printf '== through goods-svc: %.1f%% of the raw ceiling; hot mode %.1f%% (%.2fx one row)\n' \
  "$(echo "100 * $normal / $raw" | bc -l)" "$(echo "100 * $hot / $raw" | bc -l)" "$(echo "$hot / $normal" | bc -l)"

echo "== oversell check: 1,000 units, 64 clients until long after they are gone"
for mode in one-row hot; do
  code="BENCH-$RUN-X-$mode"
  sku "$code" 1000
  [ "$mode" = hot ] && hq -X PUT -d '{"buckets":16}' "$GOODS/api/goods/stock/$code/WH-BENCH/hot-mode"
  DURATION=5s run "exhaust ($mode)" "$code" >/dev/null 2>&1
  held=$(sql "SELECT COUNT(*) FROM reservation WHERE sku_code = '$code' AND status = 'HELD'")
  level=$(sql "SELECT CONCAT(on_hand, ' on hand, ', reserved, ' reserved') FROM stock_level WHERE sku_code = '$code'")
  negative=$(sql "SELECT COUNT(*) FROM stock_bucket WHERE sku_code = '$code' AND available < 0")
  printf '    %-8s holds granted %5d of 1000 units; oversold %d; negative buckets %d; level: %s\n' "$mode" "$held" \
    "$(( held > 1000 ? held - 1000 : 0 ))" "$negative" "$level"
done
