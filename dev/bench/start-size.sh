#!/usr/bin/env bash
# A warm start and the idle size: ./santong down, then ./santong up with everything built (and the AOT caches trained),
# timed; then, after IDLE seconds (60) without load, the resident memory of every process of the stack (MariaDB, Redis,
# Keycloak, the six JVMs), beside the targets (45 s, 1.5 GiB). Leaves the suite up.
set -euo pipefail
cd "$(dirname "$0")/../.."
SANTONG_ROOT=$(pwd); source dev/scripts/common.sh
IDLE=${IDLE:-60}
./santong up >/dev/null
./santong down >/dev/null
start=$(date +%s.%N)
./santong up >/dev/null
took=$(echo "$(date +%s.%N) - $start" | bc -l)
printf '    warm ./santong up: %.1f s\n' "$took"
echo "== idle for $IDLE s, then the resident memory of each process of the stack (with its children)"
sleep "$IDLE"
# rss_tree <pid>: kB resident in the process and its descendants (kc.sh runs Keycloak's JVM as its child)
rss_tree() {
  local total kid
  total=$(awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
  for kid in $(ps -o pid= --ppid "$1"); do total=$((total + $(rss_tree "$kid"))); done
  echo "$total"
}
sum=0
for pidfile in .local/mariadb/run/mysqld.pid .local/redis/redis.pid "$SANTONG_RUN"/*.pid; do
  [ -f "$pidfile" ] && pid_alive "$pidfile" || continue
  kb=$(rss_tree "$(cat "$pidfile")")
  printf '    %-18s %5d MB\n' "$(basename "$pidfile" .pid)" $((kb / 1024))
  sum=$((sum + kb))
done
mib=$((sum / 1024))
printf '    %-18s %5d MB\n' "the stack" "$mib"
printf 'RESULT|warm ./santong up|%.1f|s|45 s (target)|%.2f×|at most 45 s|%s\n' "$took" "$(echo "$took / 45" | bc -l)" \
  "$([ "$(echo "$took <= 45" | bc -l)" = 1 ] && echo MET || echo MISSED)"
printf 'RESULT|the stack idle, resident|%d|MiB|1536 MiB (target)|%.2f×|at most 1.5 GiB|%s\n' "$mib" "$(echo "$mib / 1536" | bc -l)" \
  "$([ "$mib" -le 1536 ] && echo MET || echo MISSED)"
