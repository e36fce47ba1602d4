# Shared helpers of ./santong: paths, JDK selection, progress and failure reporting.
SANTONG_LOCAL="$SANTONG_ROOT/.local"
SANTONG_LOGS="$SANTONG_LOCAL/logs"
SANTONG_RUN="$SANTONG_LOCAL/run"
mkdir -p "$SANTONG_LOGS" "$SANTONG_RUN"

step() { printf '\n==> %s\n' "$*"; }
info() { printf '    %s\n' "$*"; }
# fail <step> <log>: name the step that failed and where to look.
fail() {
  printf '\nFAILED: %s\n' "$1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    printf '  log: %s (last lines below)\n' "$2" >&2
    tail -n 40 "$2" | sed 's/^/  | /' >&2
  fi
  exit 1
}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }

# Temurin 25 where the machine has it; otherwise any JDK >= 21 (JAVA_HOME first).
select_jdk() {
  local candidate
  for candidate in "${SANTONG_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  fail "no JDK 21 or newer found (install Temurin 25 or set SANTONG_JAVA_HOME)"
}
select_jdk
JAVA_MAJOR=$(java_major "$JAVA_HOME")
# Freed native memory handed back to the system every 30 s (glibc keeps it otherwise), where the JDK can (22 and later):
# the services and Keycloak.
TRIM_NATIVE_HEAP_OPTS=""
if [ "$JAVA_MAJOR" -ge 22 ]; then TRIM_NATIVE_HEAP_OPTS=" -XX:TrimNativeHeapInterval=30000"; fi
# Maven's own Guice touches sun.misc.Unsafe; JDK 24+ warns on every run unless told it is allowed.
if [ "$JAVA_MAJOR" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
MVN=(mvn -B -ntp)

# pid_alive <pidfile>
pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# port_busy <port>: true when something listens on 127.0.0.1:<port>.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_http <url> <seconds> <pidfile> <what> <log>
wait_http() {
  local url=$1 seconds=$2 pidfile=$3 what=$4 log=$5 waited=0
  until curl -fs -o /dev/null --max-time 2 "$url"; do
    if [ -n "$pidfile" ] && ! pid_alive "$pidfile"; then fail "$what exited while starting" "$log"; fi
    if [ "$waited" -ge "$seconds" ]; then fail "$what not ready after ${seconds}s ($url)" "$log"; fi
    sleep 1; waited=$((waited + 1))
  done
}

# stop_pid <pidfile> <what>: TERM, then KILL after 30 s.
stop_pid() {
  local pidfile=$1 what=$2 pid waited=0
  if ! pid_alive "$pidfile"; then rm -f "$pidfile"; return 0; fi
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 30 ]; then kill -9 "$pid" 2>/dev/null || true; fi
    sleep 1; waited=$((waited + 1))
  done
  rm -f "$pidfile"
  info "stopped $what (pid $pid)"
}
