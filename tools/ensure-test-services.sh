#!/usr/bin/env bash
# Makes sure what the test suite talks to is there: Grammalecte (Debian packages), a
# PostgreSQL answering on 127.0.0.1:5432 with trust auth and a `test` database, and a Redis
# on 127.0.0.1:6379. Installs or starts only what is missing; idempotent.
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else echo "ensure-test-services: need root to run: $*" >&2; exit 1
  fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Grammalecte lives in Debian's python3, whatever other python3 is first on the PATH.
if ! /usr/bin/python3 -c "import grammalecte" 2>/dev/null || ! command -v grammalecte-server >/dev/null 2>&1; then
  echo "ensure-test-services: installing python3-grammalecte and grammalecte-cli" >&2
  apt_install python3-grammalecte grammalecte-cli
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "ensure-test-services: installing PostgreSQL" >&2
    apt_install postgresql
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    # Local test server only: trust connections from this machine, as the test suite expects.
    as_root sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/' "/etc/postgresql/$version/main/pg_hba.conf"
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "ensure-test-services: starting PostgreSQL $version" >&2
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "ensure-test-services: PostgreSQL did not start on 127.0.0.1:5432" >&2; exit 1; }
fi
if ! psql -h 127.0.0.1 -U postgres -d postgres -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d postgres -qc "create database test"
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
  command -v redis-server >/dev/null 2>&1 || { echo "ensure-test-services: installing Redis" >&2; apt_install redis-server; }
  echo "ensure-test-services: starting Redis" >&2
  mkdir -p /tmp/francaisfluide-redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --dir /tmp/francaisfluide-redis --logfile /tmp/francaisfluide-redis/redis.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done
  redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG || { echo "ensure-test-services: Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
fi
