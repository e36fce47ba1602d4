# The services and the console: build, start, wait, stop; and the test tiers.
# name port [readiness path]
SERVICES=(
  "member-svc 8081"
  "goods-svc 8082"
  "service-svc 8083"
  "channel-sync-svc 8084"
  "hq-console 8085 /console/readyz"
  "api-gateway 8080"
)
# The heap is given back down to 30 % free after a full collection, so an idle service holds about what it uses (the
# serial collector: on two cores G1's barriers cost the gateway about a tenth more CPU per request); the JVM hands
# freed native memory back to the system every 30 s (glibc keeps it otherwise: about 30 MB a service after the start);
# compact object headers make every object 4 bytes smaller; MALLOC_ARENA_MAX (at the start) keeps glibc from one malloc
# arena per busy thread. The JIT compiles a method with C2 after four times the usual number of calls: half of a
# start's CPU went to C2 compiling code that runs only while starting (member-svc alone: 9.5 CPU-s to start, C2 4.9 of it;
# with the scaling 7.2 and 2.8), and code that stays hot is still compiled.
# The trimming needs JDK 22 and the compact headers JDK 25: an older JDK starts without them.
NEWER_JVM_OPTS=$TRIM_NATIVE_HEAP_OPTS
if [ "$JAVA_MAJOR" -ge 25 ]; then NEWER_JVM_OPTS+=" -XX:+UseCompactObjectHeaders"; fi
SERVICE_JVM_OPTS=${SANTONG_SERVICE_JVM_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10$NEWER_JVM_OPTS -XX:CompileThresholdScaling=4 -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -Xss512k}

service_jar() { echo "$SANTONG_ROOT/$1/target/$1.jar"; }
# The jar unpacked (Boot's extract layout: the application jar beside lib/) with the JVM's AOT cache trained on it.
service_run_dir() { echo "$SANTONG_ROOT/$1/target/run"; }
service_aot() { echo "$(service_run_dir "$1")/$1.aot"; }
# aot_current <name>: the cache is of this build and of these JVM options (a cache trained under other options, say
# another collector or object layout, is refused by the JVM, which then starts without it).
aot_current() {
  [ -f "$(service_aot "$1")" ] && [ "$(service_aot "$1")" -nt "$(service_jar "$1")" ] \
    && [ "$(cat "$(service_aot "$1").opts" 2>/dev/null)" = "$SERVICE_JVM_OPTS" ]
}
# service_launch <name>: the java arguments that start it: the unpacked jar with its AOT cache when the cache is of
# this build, the jar itself otherwise (paths under the repository, without spaces).
service_launch() {
  if aot_current "$1"; then
    echo "-XX:AOTCache=$(service_aot "$1") -jar $(service_run_dir "$1")/$1.jar"
  else
    echo "-jar $(service_jar "$1")"
  fi
}

build_needed() {
  local entry name port jar
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    jar=$(service_jar "$name")
    [ -f "$jar" ] || return 0
    if [ -n "$(find "$SANTONG_ROOT/$name" "$SANTONG_ROOT/platform" "$SANTONG_ROOT/pom.xml" -newer "$jar" \
          -type f \( -path '*/src/main/*' -o -name pom.xml \) -print -quit)" ]; then return 0; fi
  done
  return 1
}

suite_build() {
  if ! build_needed; then info "jars are up to date"; return 0; fi
  step "building the services (mvn package, tests skipped)"
  local log="$SANTONG_LOGS/build.log"
  "${MVN[@]}" -DskipTests package -pl member-svc,goods-svc,service-svc,channel-sync-svc,hq-console,api-gateway -am >"$log" 2>&1 \
    || fail "mvn package" "$log"
}

# suite_train: each service whose jar is newer than its AOT cache is unpacked and started once with
# -XX:AOTCacheOutput until its context is refreshed (spring.context.exit=onRefresh, on free ports), so the JDK keeps the
# classes it loaded and linked and the profiles it gathered. A start with the cache does about half the work. The
# training needs the local stack (the context connects to it) and changes nothing a start would not (migrations).
suite_train() {
  local entry name port run aot log trained=""
  # JDK 25 trains a cache in one run (-XX:AOTCacheOutput); an older JDK starts the jars as they are.
  "$JAVA_HOME/bin/java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q ' AOTCacheOutput ' || return 0
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    run=$(service_run_dir "$name"); aot=$(service_aot "$name"); log="$SANTONG_LOGS/aot-$name.log"
    aot_current "$name" && continue
    [ -z "$trained" ] && step "training the JVM's AOT cache of each rebuilt service (once per build)"
    trained=yes
    # A running service loads classes from these files: it is stopped before they are replaced, and started again after.
    pid_alive "$SANTONG_RUN/$name.pid" && stop_pid "$SANTONG_RUN/$name.pid" "$name"
    rm -rf "$run"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$(service_jar "$name")" extract --destination "$run" >"$log" 2>&1 \
      || fail "unpacking $name" "$log"
    # The cache names its class path: the same absolute path the start uses.
    # shellcheck disable=SC2086
    (cd "$run" && LOGGING_THRESHOLD_CONSOLE=WARN "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS -XX:AOTCacheOutput="$aot" \
      -Dspring.context.exit=onRefresh -Dserver.port=0 -Dmanagement.server.port=0 -jar "$run/$name.jar" >>"$log" 2>&1) \
      || { rm -f "$aot"; fail "training the AOT cache of $name" "$log"; }
    [ -f "$aot" ] || fail "training the AOT cache of $name: no cache written" "$log"
    echo "$SERVICE_JVM_OPTS" >"$aot.opts"
    info "$name: AOT cache $(du -m "$aot" | cut -f1) MB"
  done
}

start_service() {
  local name=$1 port=$2 pidfile="$SANTONG_RUN/$1.pid" log="$SANTONG_LOGS/$1.log"
  if pid_alive "$pidfile"; then
    # A jar rebuilt under a running JVM breaks it (classes load lazily from the replaced file): restart on the new one.
    if [ "$(service_jar "$name")" -nt "$pidfile" ]; then
      info "$name: jar rebuilt since it started, restarting"
      stop_pid "$pidfile" "$name"
    else
      info "$name already running on :$port"; return 0
    fi
  fi
  port_busy "$port" && fail "port $port for $name is taken by another program"
  # The service writes its own log, appended across restarts and rolled by size (Boot's logback), so a restart
  # keeps the evidence of what went before it; the console stream goes to <name>.out for what happens before logging starts.
  # Spans are exported only where SANTONG_OTLP_ENDPOINT names an OTLP/HTTP receiver (./santong test's own, say).
  local tracing=()
  [ -n "${SANTONG_OTLP_ENDPOINT:-}" ] && tracing=(MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT="$SANTONG_OTLP_ENDPOINT")
  local launch; read -ra launch <<<"$(service_launch "$name")"
  # shellcheck disable=SC2086
  env "${tracing[@]}" LOGGING_FILE_NAME="$log" LOGGING_LOGBACK_ROLLINGPOLICY_MAX_FILE_SIZE=20MB LOGGING_LOGBACK_ROLLINGPOLICY_MAX_HISTORY=5 \
    LOGGING_THRESHOLD_CONSOLE=OFF MALLOC_ARENA_MAX=2 \
    nohup "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS "${launch[@]}" >>"$SANTONG_LOGS/$name.out" 2>&1 &
  echo $! >"$pidfile"
  echo "${SANTONG_OTLP_ENDPOINT:-}" >"$SANTONG_RUN/$name.otlp"
  info "$name starting (pid $!, log $log)"
}

# service_start <name>: one service (or the console, or the gateway) started again if it is not running, and ready.
service_start() {
  local entry name port probe
  for entry in "${SERVICES[@]}"; do
    read -r name port probe <<<"$entry"
    if [ "$name" = "$1" ]; then
      start_service "$name" "$port"
      wait_http "http://127.0.0.1:$port${probe:-/readyz}" 180 "$SANTONG_RUN/$name.pid" "$name" "$SANTONG_LOGS/$name.log"
      info "$name ready on http://localhost:$port"
      return 0
    fi
  done
  fail "no service named $1"
}

suite_up() {
  local started=$SECONDS
  infra_up
  suite_build
  suite_train
  step "starting the services"
  local entry name port probe
  for entry in "${SERVICES[@]}"; do read -r name port probe <<<"$entry"; start_service "$name" "$port"; done
  for entry in "${SERVICES[@]}"; do
    read -r name port probe <<<"$entry"
    wait_http "http://127.0.0.1:$port${probe:-/readyz}" 180 "$SANTONG_RUN/$name.pid" "$name" "$SANTONG_LOGS/$name.log"
    info "$name ready on http://localhost:$port"
  done
  demo_data
  step "Santong is up ($((SECONDS - started)) s)"
  suite_status
  cat <<TEXT

    Gateway (use this):  http://localhost:8080/api/members | /api/goods | /api/aftersales | /api/sync
    API documents:       http://localhost:8080/swagger-ui.html  (all four services; /v3/api-docs/<members|goods|aftersales|sync>)
    Shop catalogue:      http://localhost:8080/api/goods/shop/products  (no token needed)
    HQ and store console: http://localhost:8080/console  (password santong-demo for each of hq-admin, hq-analyst,
                         and staff-9 / staff-12 for their own store)
    Keycloak:            $KEYCLOAK_URL  (admin console: admin / admin)
    Demo credentials:    dev/demo-credentials.md  (e.g. shopper alice / santong-demo,
                         POS of store 9: pos-store-9 / pos-store-9-secret)
    Stop everything:     ./santong down
TEXT
}

suite_down() {
  step "stopping the services"
  local entry name port
  for entry in "${SERVICES[@]}"; do read -r name port _ <<<"$entry"; stop_pid "$SANTONG_RUN/$name.pid" "$name"; done
}

suite_status() {
  local entry name port state
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    if pid_alive "$SANTONG_RUN/$name.pid"; then state="running (pid $(cat "$SANTONG_RUN/$name.pid"))"; else state="stopped"; fi
    printf '    %-17s http://localhost:%-6s %s\n' "$name" "$port" "$state"
  done
}

demo_data() {
  step "loading demo data"
  local log="$SANTONG_LOGS/demo-data.log"
  bash "$SANTONG_ROOT/dev/demo-data.sh" >"$log" 2>&1 || fail "demo data" "$log"
  sed 's/^/    /' "$log"
}

# run_tier <name> <mvn args...>: the runner's summary lines on screen, the whole output in a log.
run_tier() {
  local tier=$1; shift
  local log="$SANTONG_LOGS/test-$tier.log"
  step "test tier: $tier (log $log)"
  local status=0
  "${MVN[@]}" "$@" >"$log" 2>&1 || status=$?
  grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run:|Building .* \[[0-9]+/[0-9]+\]|BUILD |Tests in error|Failures:|Errors:)|^\[ERROR\]   ' "$log" \
    | sed 's/^/    /' || true
  return $status
}

# The module diagrams (Spring Modulith, PlantUML) into docs/modules/<service>; the build fails when they are stale.
module_docs() {
  local log="$SANTONG_LOGS/module-docs.log"
  step "module diagrams into docs/modules"
  "${MVN[@]}" -pl member-svc,goods-svc,service-svc,channel-sync-svc -am test -Dtest=ArchitectureTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dsantong.docs.write=true >"$log" 2>&1 || fail "module diagrams" "$log"
  ls -1 "$SANTONG_ROOT"/docs/modules/*/ | sed 's/^/    /'
}

suite_test() {
  local started=$SECONDS status=0 we_started_suite=""
  infra_up
  # Unit (*Test), chart (helm *Test) and integration (*IT) tiers: one reactor, installed so the e2e tier can use it.
  run_tier unit-integration-chart install || status=$?
  if [ $status -ne 0 ]; then fail "unit, integration or chart tests failed" "$SANTONG_LOGS/test-unit-integration-chart.log"; fi
  # The images, built and each started as a container against the local stack, before the suite takes the ports' load.
  images_build
  run_tier images -pl e2e-tests verify -Pimages -Dsantong.image.registry="$IMAGE_REGISTRY" -Dsantong.image.tag="$IMAGE_TAG" \
    || fail "image tests failed" "$SANTONG_LOGS/test-images.log"
  # The e2e tier receives the suite's spans (OtlpReceiver): a service started without exporting to it starts again.
  export SANTONG_OTLP_ENDPOINT=${SANTONG_OTLP_ENDPOINT:-http://127.0.0.1:4318/v1/traces}
  local entry name port
  for entry in "${SERVICES[@]}"; do
    read -r name port _ <<<"$entry"
    if ! pid_alive "$SANTONG_RUN/$name.pid"; then
      we_started_suite=yes
    elif [ "$(cat "$SANTONG_RUN/$name.otlp" 2>/dev/null)" != "$SANTONG_OTLP_ENDPOINT" ]; then
      info "$name: restarting to export its spans to $SANTONG_OTLP_ENDPOINT"
      stop_pid "$SANTONG_RUN/$name.pid" "$name"
    fi
  done
  suite_up
  run_tier e2e -pl e2e-tests verify -Pe2e || status=$?
  if [ -n "$we_started_suite" ] && [ -z "${SANTONG_KEEP_RUNNING:-}" ]; then suite_down; fi
  if [ $status -ne 0 ]; then fail "end-to-end tests failed" "$SANTONG_LOGS/test-e2e.log"; fi
  step "all test tiers passed ($((SECONDS - started)) s)"
}
