#!/usr/bin/env bash
# The store upload path in one run against the same MariaDB: upload API vs raw multi-row INSERTs of the same rows,
# the same transactions resent (all duplicates), and end-to-end applied lines per second (goods-svc and member-svc).
# Needs the suite up (./santong up). TRANSACTIONS, LINES and BATCH size the run (5,000 x 3 lines, batches of 500), WARMUP
# the day before it that is not measured (3,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh
KC=http://localhost:8180/realms/santong/protocol/openid-connect/token
token() { curl -fsS "$KC" "$@" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'; }
HQ=$(token -d grant_type=password -d client_id=santong-dev -d client_secret=santong-dev-secret -d username=hq-admin -d password=santong-demo)
STORE=${STORE:-15}
export STORE POS_TOKEN; POS_TOKEN=$(token -d grant_type=client_credentials -d client_id=pos-store-$STORE -d client_secret=pos-store-$STORE-secret)
hq() { curl -sS -o /dev/null -H "Authorization: Bearer $HQ" -H 'Content-Type: application/json' "$@"; }
for i in $(seq 0 19); do
  hq -X POST -d "{\"code\":\"BENCH-$i\",\"name\":\"Benchmark $i\",\"warrantyMonths\":0}" http://127.0.0.1:8082/api/goods/skus
done
for i in $(seq 0 9); do
  hq -X POST -d "{\"channel\":\"HQ_IMPORT\",\"loyaltyCardNumber\":\"BENCHCARD$i\"}" http://127.0.0.1:8081/api/members
done
CONNECTOR=$(find "$HOME/.m2/repository/com/mysql/mysql-connector-j" -name 'mysql-connector-j-*.jar' | sort -V | tail -1)
echo "sync upload benchmark (2 cores shared by MariaDB, Keycloak and five services)"
# A day of WARMUP transactions first, not measured: the services' JIT compiles the upload and apply paths on it, so
# the measured day is not charged for the compiler's own CPU.
TRANSACTIONS=${WARMUP:-3000} "$JAVA_HOME/bin/java" -cp "$CONNECTOR" dev/bench/SyncBench.java >/dev/null
"$JAVA_HOME/bin/java" -cp "$CONNECTOR" dev/bench/SyncBench.java
