#!/usr/bin/env bash
# A read straight to goods-svc and through the gateway with the same real token, at 16 and 64 in flight, side by side
# in one run (throughput, p50, p99 and their ratios). Needs the suite up (./santong up). REQUESTS per pass (4000).
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh
# Each pass also prints the CPU per request of the processes on its path, so a gain can be placed.
PROCESSES="gateway:$(cat "$SANTONG_RUN/api-gateway.pid") goods-svc:$(cat "$SANTONG_RUN/goods-svc.pid") mariadb:$(cat .local/mariadb/run/mysqld.pid) redis:$(cat .local/redis/*.pid)"
PROCESSES=$PROCESSES "$JAVA_HOME/bin/java" dev/bench/GatewayBench.java
