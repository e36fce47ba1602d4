# The local stack: a private MariaDB, Redis and Keycloak on loopback ports of their own, state in .local/.
# Any piece can be an existing server instead (SANTONG_DB_HOST, SANTONG_REDIS_HOST, SANTONG_KEYCLOAK_URL):
# then nothing is installed or started for it.

DB_HOST=${SANTONG_DB_HOST:-127.0.0.1}
DB_PORT=${SANTONG_DB_PORT:-3316}
DB_ADMIN_USER=${SANTONG_DB_ADMIN_USER:-santong_admin}
DB_ADMIN_PASSWORD=${SANTONG_DB_ADMIN_PASSWORD:-santong-admin-dev}
REDIS_HOST=${SANTONG_REDIS_HOST:-127.0.0.1}
REDIS_PORT=${SANTONG_REDIS_PORT:-6389}
KEYCLOAK_URL=${SANTONG_KEYCLOAK_URL:-http://localhost:8180}
KEYCLOAK_VERSION=26.7.3
KEYCLOAK_HOME="$SANTONG_LOCAL/keycloak-$KEYCLOAK_VERSION"
KEYCLOAK_MANAGEMENT_PORT=9180
REALM_FILE="$SANTONG_ROOT/helm/santong/files/santong-realm.json"  # one realm for the local stack and the chart's trial mode

MARIADB_DIR="$SANTONG_LOCAL/mariadb"
MARIADB_SOCKET="$MARIADB_DIR/run/mysqld.sock"
REDIS_DIR="$SANTONG_LOCAL/redis"

# service schema db-user db-password: one schema and one user per service, granted on its own schema only.
SERVICE_DATABASES=(
  "member-svc santong_member member_svc member-svc-dev"
  "goods-svc santong_goods goods_svc goods-svc-dev"
  "service-svc santong_aftersales aftersales_svc aftersales-svc-dev"
  "channel-sync-svc santong_channelsync channelsync_svc channelsync-svc-dev"
)

local_db() { [ -z "${SANTONG_DB_HOST:-}" ]; }
local_redis() { [ -z "${SANTONG_REDIS_HOST:-}" ]; }
local_keycloak() { [ -z "${SANTONG_KEYCLOAK_URL:-}" ]; }

# Debian packages, installed only when a binary is missing; the system services they bring are never started.
ensure_packages() {
  local missing=()
  if local_db; then
    command -v mariadbd >/dev/null || missing+=(mariadb-server)
    command -v mariadb >/dev/null || missing+=(mariadb-client)
  else
    command -v mariadb >/dev/null || command -v mysql >/dev/null || missing+=(mariadb-client)
  fi
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v curl >/dev/null || missing+=(curl)
  # The console's browser tests: Debian's Chromium and its driver (no browser download is reachable from here).
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # The console speaks Chinese: a font with its characters, or the browser draws boxes.
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
  [ ${#missing[@]} -eq 0 ] && return 0
  install_packages "${missing[@]}"
}

# install_packages <package...>: Debian's packages, without their recommendations.
install_packages() {
  local missing=("$@")
  step "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "packages ${missing[*]} are missing and there is no sudo to install them"
    sudo="sudo"
  fi
  local log="$SANTONG_LOGS/apt.log" policy_added=""
  # Keep the packages' own init scripts from starting a system MariaDB or Redis.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null && $sudo chmod +x /usr/sbin/policy-rc.d
    policy_added=yes
  fi
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q \
      && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    [ -n "$policy_added" ] && $sudo rm -f /usr/sbin/policy-rc.d
    fail "apt-get install ${missing[*]}" "$log"
  fi
  [ -n "$policy_added" ] && $sudo rm -f /usr/sbin/policy-rc.d
  info "installed ${missing[*]}"
}

db_admin() {
  if local_db; then
    mariadb --no-defaults --socket="$MARIADB_SOCKET" -uroot "$@"
  else
    mariadb --no-defaults -h "$DB_HOST" -P "$DB_PORT" -u"$DB_ADMIN_USER" -p"$DB_ADMIN_PASSWORD" "$@"
  fi
}

mariadb_up() {
  local pidfile="$MARIADB_DIR/run/mysqld.pid" log="$MARIADB_DIR/log/error.log"
  mkdir -p "$MARIADB_DIR/data" "$MARIADB_DIR/run" "$MARIADB_DIR/log"
  if pid_alive "$pidfile"; then info "MariaDB already running on 127.0.0.1:$DB_PORT"; return 0; fi
  port_busy "$DB_PORT" && fail "port $DB_PORT is taken by another program; stop it or set SANTONG_DB_HOST/PORT to use it"
  cat >"$MARIADB_DIR/my.cnf" <<CNF
[mysqld]
datadir=$MARIADB_DIR/data
socket=$MARIADB_SOCKET
pid-file=$pidfile
log-error=$log
port=$DB_PORT
bind-address=127.0.0.1
skip-name-resolve
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
# MySQL 8's defaults, so SQL that passes here also passes on the Kubernetes MySQL.
sql_mode=ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION
default-time-zone=+00:00
innodb_buffer_pool_size=256M
innodb_flush_log_at_trx_commit=1
max_connections=400
CNF
  if [ ! -d "$MARIADB_DIR/data/mysql" ]; then
    step "initialising a private MariaDB in $MARIADB_DIR"
    mariadb-install-db --no-defaults --datadir="$MARIADB_DIR/data" --user="$(id -un)" \
      --auth-root-authentication-method=socket --skip-test-db >"$MARIADB_DIR/log/install.log" 2>&1 \
      || fail "mariadb-install-db" "$MARIADB_DIR/log/install.log"
  fi
  step "starting MariaDB on 127.0.0.1:$DB_PORT"
  nohup mariadbd --defaults-file="$MARIADB_DIR/my.cnf" --user="$(id -un)" >"$MARIADB_DIR/log/stdout.log" 2>&1 &
  local waited=0
  until mariadb-admin --no-defaults --socket="$MARIADB_SOCKET" -uroot ping >/dev/null 2>&1; do
    [ "$waited" -ge 60 ] && fail "MariaDB did not start in 60s" "$log"
    sleep 1; waited=$((waited + 1))
  done
}

mariadb_provision() {
  step "schemas and users (one per service)"
  local sql="CREATE USER IF NOT EXISTS '$DB_ADMIN_USER'@'%' IDENTIFIED BY '$DB_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$DB_ADMIN_USER'@'%' WITH GRANT OPTION;"
  local entry svc schema user password
  for entry in "${SERVICE_DATABASES[@]}"; do
    read -r svc schema user password <<<"$entry"
    sql+="
CREATE DATABASE IF NOT EXISTS $schema CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$user'@'%' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON $schema.* TO '$user'@'%';"
  done
  if ! local_db; then sql=${sql#*WITH GRANT OPTION;}; fi
  local log="$SANTONG_LOGS/db-provision.log"
  echo "$sql" | db_admin >"$log" 2>&1 || fail "creating schemas and users" "$log"
  info "schemas: $(for e in "${SERVICE_DATABASES[@]}"; do read -r _ s _ _ <<<"$e"; printf '%s ' "$s"; done)"
}

redis_up() {
  local pidfile="$REDIS_DIR/redis.pid"
  mkdir -p "$REDIS_DIR"
  if pid_alive "$pidfile"; then info "Redis already running on 127.0.0.1:$REDIS_PORT"; return 0; fi
  port_busy "$REDIS_PORT" && fail "port $REDIS_PORT is taken by another program; stop it or set SANTONG_REDIS_HOST/PORT to use it"
  step "starting Redis on 127.0.0.1:$REDIS_PORT"
  cat >"$REDIS_DIR/redis.conf" <<CONF
port $REDIS_PORT
bind 127.0.0.1
daemonize yes
pidfile $pidfile
logfile $REDIS_DIR/redis.log
dir $REDIS_DIR
save 300 10
appendonly no
maxmemory 256mb
maxmemory-policy noeviction
CONF
  redis-server "$REDIS_DIR/redis.conf" || fail "redis-server" "$REDIS_DIR/redis.log"
  local waited=0
  until [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; do
    [ "$waited" -ge 30 ] && fail "Redis did not answer in 30s" "$REDIS_DIR/redis.log"
    sleep 1; waited=$((waited + 1))
  done
}

keycloak_install() {
  [ -x "$KEYCLOAK_HOME/bin/kc.sh" ] && return 0
  step "fetching Keycloak $KEYCLOAK_VERSION from Maven Central"
  local log="$SANTONG_LOGS/keycloak-install.log" downloads="$SANTONG_LOCAL/downloads"
  mkdir -p "$downloads"
  # Run outside the reactor: the download must not depend on the project building.
  (cd "$downloads" && "${MVN[@]}" -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
    -DoutputDirectory="$downloads") >"$log" 2>&1 || fail "downloading keycloak-quarkus-dist" "$log"
  tar -xzf "$downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz" -C "$SANTONG_LOCAL" >>"$log" 2>&1 \
    || fail "unpacking Keycloak" "$log"
  rm -f "$downloads/keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
}

keycloak_up() {
  local pidfile="$SANTONG_RUN/keycloak.pid" log="$SANTONG_LOGS/keycloak.log"
  if pid_alive "$pidfile"; then
    if [ "$(sha256sum "$REALM_FILE" | cut -d' ' -f1)" = "$(cat "$SANTONG_LOCAL/keycloak-realm.sha256" 2>/dev/null)" ]; then
      info "Keycloak already running on $KEYCLOAK_URL"; return 0
    fi
    info "realm definition changed: restarting Keycloak"
    stop_pid "$pidfile" Keycloak
  fi
  port_busy 8180 && fail "port 8180 is taken by another program; stop it or set SANTONG_KEYCLOAK_URL to use it"
  keycloak_install
  # The realm is imported once into Keycloak's own store; when its JSON changes, start from a clean store.
  local realm_sum stored_sum=""
  realm_sum=$(sha256sum "$REALM_FILE" | cut -d' ' -f1)
  [ -f "$SANTONG_LOCAL/keycloak-realm.sha256" ] && stored_sum=$(cat "$SANTONG_LOCAL/keycloak-realm.sha256")
  if [ -n "$stored_sum" ] && [ "$realm_sum" != "$stored_sum" ]; then
    rm -rf "$KEYCLOAK_HOME/data/h2"
    info "realm definition changed: Keycloak re-imports it"
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  cp "$REALM_FILE" "$KEYCLOAK_HOME/data/import/santong-realm.json"
  step "starting Keycloak $KEYCLOAK_VERSION on $KEYCLOAK_URL (about a minute on 2 cores)"
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  JAVA_OPTS_KC_HEAP="-Xms32m -Xmx384m" JAVA_OPTS_APPEND="-XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -XX:G1PeriodicGCInterval=60000${TRIM_NATIVE_HEAP_OPTS} -XX:CompileThresholdScaling=4" \
  MALLOC_ARENA_MAX=2 \
    nohup "$KEYCLOAK_HOME/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port=8180 --hostname=http://localhost:8180 \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --health-enabled=true \
      --import-realm --log-level=info >"$log" 2>&1 &
  # kc.sh passes TERM on to its JVM, so its pid is the one to stop.
  echo $! >"$pidfile"
  wait_http "http://127.0.0.1:$KEYCLOAK_MANAGEMENT_PORT/health/ready" 240 "$pidfile" "Keycloak" "$log"
  echo "$realm_sum" >"$SANTONG_LOCAL/keycloak-realm.sha256"
}

keycloak_check_realm() {
  wait_http "$KEYCLOAK_URL/realms/santong/.well-known/openid-configuration" 30 "" "realm santong in Keycloak" "$SANTONG_LOGS/keycloak.log"
}

infra_up() {
  ensure_packages
  if local_db; then mariadb_up; fi
  mariadb_provision
  if local_redis; then redis_up; fi
  if local_keycloak; then keycloak_up; fi
  keycloak_check_realm
  step "local stack ready"
  infra_status
}

infra_down() {
  step "stopping the local stack"
  stop_pid "$SANTONG_RUN/keycloak.pid" Keycloak
  if pid_alive "$REDIS_DIR/redis.pid"; then stop_pid "$REDIS_DIR/redis.pid" Redis; fi
  if pid_alive "$MARIADB_DIR/run/mysqld.pid"; then stop_pid "$MARIADB_DIR/run/mysqld.pid" MariaDB; fi
}

infra_status() {
  proc_state() { if [ "$1" = ext ]; then echo "external"; elif pid_alive "$1"; then echo "running (pid $(cat "$1"))"; else echo "stopped"; fi; }
  printf '    %-10s %-34s %s\n' MariaDB "$DB_HOST:$DB_PORT" "$(proc_state "$(local_db && echo "$MARIADB_DIR/run/mysqld.pid" || echo ext)")"
  printf '    %-10s %-34s %s\n' Redis "$REDIS_HOST:$REDIS_PORT" "$(proc_state "$(local_redis && echo "$REDIS_DIR/redis.pid" || echo ext)")"
  printf '    %-10s %-34s %s\n' Keycloak "$KEYCLOAK_URL (admin: admin/admin)" "$(proc_state "$(local_keycloak && echo "$SANTONG_RUN/keycloak.pid" || echo ext)")"
}
