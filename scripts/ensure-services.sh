#!/usr/bin/env bash
# Brings up what `npm test` needs on a Debian machine: Chromium, PostgreSQL, Redis, MariaDB, all on
# loopback, the nginx binary for the maintenance-gate and deployment tests, docker-compose to validate
# the compose file, and the Prometheus binary for the metric check tests. Installs with apt-get when
# running as root; otherwise says exactly what is missing.
set -uo pipefail

PGURL="${TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/test}"
missing=()
as_root() { [ "$(id -u)" = "0" ]; }
apt_updated=0
apt_install() {
  as_root || return 1
  command -v apt-get >/dev/null || return 1
  if [ "$apt_updated" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && exec 3>&- 3<&-; }
wait_port() { for _ in $(seq 1 30); do port_open "$1" && return 0; sleep 1; done; return 1; }

# Chromium for Playwright (Playwright's own browser download does not work offline).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "services: installing Chromium…"
  apt_install chromium || missing+=("Chromium at $chromium (apt-get install chromium)")
fi

# PostgreSQL on 127.0.0.1:5432 with trust auth for user postgres and a database named test.
if ! port_open 5432; then
  if ! command -v pg_ctlcluster >/dev/null; then echo "services: installing PostgreSQL…"; apt_install postgresql; fi
  if command -v pg_ctlcluster >/dev/null; then
    ver=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1)
    if [ -n "$ver" ]; then
      hba="/etc/postgresql/$ver/main/pg_hba.conf"
      grep -q "warroom-test" "$hba" 2>/dev/null || sed -i '1i host all all 127.0.0.1/32 trust # warroom-test\nlocal all all trust # warroom-test' "$hba"
      pg_ctlcluster --skip-systemctl-redirect "$ver" main start 2>/dev/null || true
    fi
  fi
  wait_port 5432 || missing+=("PostgreSQL on 127.0.0.1:5432 (apt-get install postgresql)")
fi
if port_open 5432 && command -v psql >/dev/null; then
  psql "${PGURL%/*}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='test'" 2>/dev/null | grep -q 1 || psql "${PGURL%/*}/postgres" -qc "CREATE DATABASE test" 2>/dev/null || true
fi

# Redis on 127.0.0.1:6379, nothing kept on disk.
if ! port_open 6379; then
  command -v redis-server >/dev/null || { echo "services: installing Redis…"; apt_install redis-server; }
  command -v redis-server >/dev/null && redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_port 6379 || missing+=("Redis on 127.0.0.1:6379 (apt-get install redis-server)")
fi

# MariaDB on 127.0.0.1:3306, root without a password, database test.
if ! port_open 3306; then
  command -v mariadbd >/dev/null || { echo "services: installing MariaDB…"; apt_install mariadb-server; }
  if command -v mariadbd >/dev/null; then
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --bind-address=127.0.0.1 >/dev/null 2>&1 || (/usr/sbin/mariadbd --bind-address=127.0.0.1 >/dev/null 2>&1 &)
  fi
  wait_port 3306 || missing+=("MariaDB on 127.0.0.1:3306 (apt-get install mariadb-server)")
fi
if port_open 3306 && command -v mariadb >/dev/null; then
  mariadb -uroot -h127.0.0.1 -e "CREATE DATABASE IF NOT EXISTS test" 2>/dev/null || mariadb -uroot -e "CREATE DATABASE IF NOT EXISTS test; ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;" 2>/dev/null || true
fi

# nginx with the auth_request module (Debian's nginx-light has it). Only the binary: the tests start
# their own nginx on a loopback port from a temp prefix; no system nginx is started or configured.
nginx_bin="${NGINX_PATH:-/usr/sbin/nginx}"
if [ ! -x "$nginx_bin" ]; then
  echo "services: installing nginx-light…"
  # Debian's package scripts start the system nginx unless policy-rc.d says no: keep it from running.
  if as_root && [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && nginx_policy=1; fi
  apt_install nginx-light
  [ "${nginx_policy:-0}" = 1 ] && rm -f /usr/sbin/policy-rc.d
fi
if [ ! -x "$nginx_bin" ] || ! "$nginx_bin" -V 2>&1 | grep -q -- --with-http_auth_request_module; then
  missing+=("nginx with the auth_request module at $nginx_bin (apt-get install nginx-light)")
fi

# docker-compose (Debian's, Compose v1) validates deploy/compose.yaml offline: `config -q` needs no
# Docker daemon (tests/integration/deploy.test.ts).
if ! command -v docker-compose >/dev/null; then
  echo "services: installing docker-compose (the validator; no Docker daemon)…"
  apt_install --no-install-recommends docker-compose
fi
command -v docker-compose >/dev/null || missing+=("docker-compose (apt-get install --no-install-recommends docker-compose)")

# Prometheus: only the binary. The metric check tests start their own server (own config, own
# storage, a random loopback port); the packaged system service must not start, so a policy-rc.d
# that refuses service starts is in place during the install (unless the machine has one already).
if ! command -v prometheus >/dev/null; then
  echo "services: installing Prometheus (the binary, not the service)…"
  if as_root; then
    added_policy=0
    if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=1; fi
    apt_install --no-install-recommends prometheus
    [ "$added_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
    # Nor at the next boot.
    command -v systemctl >/dev/null && systemctl disable prometheus >/dev/null 2>&1
  fi
  command -v prometheus >/dev/null || missing+=("the prometheus binary (apt-get install --no-install-recommends prometheus)")
fi
# promtool (same package) lints /metrics and the README's alert rules in tests/integration/metrics.test.ts.
command -v promtool >/dev/null || missing+=("promtool (apt-get install --no-install-recommends prometheus)")

if [ ${#missing[@]} -gt 0 ]; then
  echo "npm test needs these and could not set them up (run as root on Debian, or install them):" >&2
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
  exit 1
fi
echo "services: Chromium, PostgreSQL, Redis, MariaDB, nginx and Prometheus are ready"
