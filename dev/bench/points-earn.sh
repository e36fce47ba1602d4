#!/usr/bin/env bash
# Earn throughput through member-svc (concurrency 16) against the real MariaDB, and, in the same run, the rate of plain
# single-row INSERTs (also 16 connections) into a table shaped like points_entry: the ratio is the cost of everything
# an earn does beyond one insert (token check, idempotency lookup, account lock, lot, purchase fact, tier check).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${DURATION:-20s}
MEMBER=${MEMBER_URL:-http://127.0.0.1:8081}
SOCKET=.local/mariadb/run/mysqld.sock
TOKEN=$(curl -fsS http://localhost:8180/realms/santong/protocol/openid-connect/token -d grant_type=client_credentials \
  -d client_id=pos-store-9 -d client_secret=pos-store-9-secret | sed -E 's/.*"access_token":"([^"]+)".*/\1/')
export TOKEN MEMBERS_FILE=/tmp/santong-bench-members.txt
: >"$MEMBERS_FILE"
for i in $(seq -w 1 50); do
  curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"channel\":\"STORE\",\"storeId\":\"9\",\"phone\":\"1399000$(printf '%04d' "$((10#$i))")\"}" "$MEMBER/api/members" \
    | sed -E 's/.*"member":\{"id":"([^"]+)".*/\1/' >>"$MEMBERS_FILE"
  echo >>"$MEMBERS_FILE"
done
echo "== warm-up: earns for 30 s (the services compile hot code late, for a cheaper start)"
wrk -t2 -c16 -d30s -s dev/bench/earn.lua "$MEMBER" >/dev/null
echo "== earns through member-svc: 50 members, concurrency 16, $DURATION"
wrk -t2 -c16 -d"$DURATION" --latency -s dev/bench/earn.lua "$MEMBER" | tee /tmp/santong-bench-earn.txt | grep -E 'Latency|50%|99%|Requests/sec|requests in|Non-2xx'
if grep -q 'Non-2xx' /tmp/santong-bench-earn.txt; then echo "earns failed: the figure would be meaningless" >&2; exit 1; fi
earn_rate=$(awk '/Requests\/sec/ {print $2}' /tmp/santong-bench-earn.txt)

echo "== plain single-row INSERTs into a points_entry-shaped table, 16 connections"
mariadb --no-defaults --socket="$SOCKET" -uroot -e "
  CREATE DATABASE IF NOT EXISTS santong_bench;
  DROP TABLE IF EXISTS santong_bench.entry;
  CREATE TABLE santong_bench.entry LIKE santong_member.points_entry;"
queries=40000
start=$(date +%s.%N)
mariadb-slap --no-defaults --socket="$SOCKET" -uroot --concurrency=16 --iterations=1 --number-of-queries=$queries --create-schema=santong_bench \
  --query="INSERT INTO entry (member_id, origin_member_id, kind, points, business_key, request_hash, channel, store_id, reference, amount, currency, actor, occurred_at, recorded_at) VALUES (UUID(), UUID(), 'EARN', 10, UUID(), SHA2(UUID(), 256), 'STORE', '9', UUID(), 10.00, 'CNY', 'bench', NOW(6), NOW(6))" \
  >/tmp/santong-bench-slap.txt
end=$(date +%s.%N)
insert_rate=$(echo "$queries / ($end - $start)" | bc -l)
mariadb --no-defaults --socket="$SOCKET" -uroot -e "DROP DATABASE santong_bench;"
printf '    plain INSERTs/sec: %.0f\n' "$insert_rate"
printf '== earn throughput %.0f req/s = %.1f%% of plain single-row INSERTs (%.0f/s)\n' "$earn_rate" \
  "$(echo "100 * $earn_rate / $insert_rate" | bc -l)" "$insert_rate"
printf 'RESULT|points earn, 16 clients|%.0f|earns/s|%.0f INSERTs/s|%.1f %%|at least 10 %%|%s\n' "$earn_rate" "$insert_rate" \
  "$(echo "100 * $earn_rate / $insert_rate" | bc -l)" "$([ "$(echo "$earn_rate >= 0.10 * $insert_rate" | bc -l)" = 1 ] && echo MET || echo MISSED)"
