# ./santong bench: every benchmark in dev/bench on the running suite, one after another, and one report.
# Each benchmark warms up, then prints its figures beside their ceilings measured in the same run, and RESULT lines
# (name|figure|unit|ceiling|ratio|target|verdict) that the report gathers. BENCHES picks some (default: all).
BENCHES_ALL="hot-sku replicas gateway points-earn member-lookup sync-upload start-size"

suite_bench() {
  command -v wrk >/dev/null || install_packages wrk
  suite_up >/dev/null
  local stamp dir report name status
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  dir="$SANTONG_ROOT/.local/bench/$stamp"
  mkdir -p "$dir"
  report="$dir/report.md"
  {
    echo "# Santong benchmarks, $stamp"
    echo
    echo "Machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo); commit $(git -C "$SANTONG_ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)."
    echo
    echo "| benchmark | figure | unit | ceiling, same run | ratio | target | verdict |"
    echo "|---|---|---|---|---|---|---|"
  } >"$report"
  for name in ${BENCHES:-$BENCHES_ALL}; do
    step "benchmark: $name (output in $dir/$name.txt)"
    set +e
    bash "$SANTONG_ROOT/dev/bench/$name.sh" 2>&1 | tee "$dir/$name.txt" | { grep -v '^RESULT|' || true; } | sed 's/^/    /'
    status=${PIPESTATUS[0]}
    set -e
    if grep -q '^RESULT|' "$dir/$name.txt"; then
      grep '^RESULT|' "$dir/$name.txt" | sed -E 's/^RESULT//; s/\|/ | /g; s/^ //; s/$/ |/' >>"$report"
    fi
    [ "$status" -eq 0 ] || echo "| $name | failed, see $name.txt | | | | | FAILED |" >>"$report"
  done
  step "report: $report"
  cat "$report"
}
