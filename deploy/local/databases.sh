#!/usr/bin/env bash
# Ensure the machine's PostgreSQL and Redis (not managed by these scripts) are
# up, start them if not, and create the ChatVault databases.
#
#   PostgreSQL 127.0.0.1:5432, user postgres (trust): databases chatvault and
#   chatvault_test are created if missing (never dropped).
#   Redis 127.0.0.1:6379 must answer PING.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
REDIS_HOST=127.0.0.1
REDIS_PORT="${REDIS_PORT:-6379}"
read -r -a DATABASES <<<"${CHATVAULT_DATABASES:-chatvault chatvault_test}"

need_cmd psql redis-cli

pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }
pg_up() { pg -c 'SELECT 1' >/dev/null 2>&1; }

ensure_postgres() {
  pg_up && return 0
  log "PostgreSQL not answering on $PG_HOST:$PG_PORT; trying to start it"
  if [[ ! -d /etc/postgresql ]] || ! command -v pg_ctlcluster >/dev/null; then
    die "PostgreSQL is not running and there is no Debian cluster (/etc/postgresql, pg_ctlcluster) to start"
  fi
  local ver
  ver="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)"
  [[ -n "$ver" ]] || die "PostgreSQL is not running and /etc/postgresql has no cluster"
  pg_ctlcluster --skip-systemctl-redirect "$ver" main start ||
    log "pg_ctlcluster $ver main start failed (maybe already starting)"
  local i
  for ((i = 0; i < 60; i++)); do
    pg_up && { log "PostgreSQL $ver started"; return 0; }
    sleep 0.5
  done
  die "PostgreSQL still not answering on $PG_HOST:$PG_PORT as $PG_USER (see /var/log/postgresql/)"
}

ensure_databases() {
  local db
  for db in "${DATABASES[@]}"; do
    [[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || die "bad database name '$db'"
    if [[ "$(pg -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" == 1 ]]; then
      log "database $db exists"
    else
      # tolerate a concurrent creator
      pg -c "CREATE DATABASE $db" 2>/dev/null ||
        [[ "$(pg -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" == 1 ]] ||
        die "could not create database $db"
      log "database $db created"
    fi
  done
}

redis_up() { [[ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]; }

ensure_redis() {
  redis_up && { log "redis answers PING on $REDIS_HOST:$REDIS_PORT"; return 0; }
  log "redis not answering on $REDIS_HOST:$REDIS_PORT; trying to start it"
  need_cmd redis-server
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
    --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log ||
    die "redis-server failed to start (see /var/log/redis/ci.log)"
  local i
  for ((i = 0; i < 40; i++)); do
    redis_up && { log "redis started"; return 0; }
    sleep 0.25
  done
  die "redis still not answering PING on $REDIS_HOST:$REDIS_PORT (see /var/log/redis/ci.log)"
}

ensure_postgres
ensure_databases
ensure_redis
