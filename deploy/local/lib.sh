# shellcheck shell=bash disable=SC2034  # variables are used by the sourcing scripts
# Shared helpers for deploy/local/*.sh. Sourced, never executed.
#
# Layout (both git-ignored, see .gitignore):
#   $CACHE_DIR  downloaded artifacts (Kafka classpath, ES distribution)
#               default deploy/local/.cache, override with CHATVAULT_LOCAL_CACHE
#   $RUN_DIR    data, logs and pid files of running services
#               default deploy/local/.run,   override with CHATVAULT_LOCAL_RUN

LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$LOCAL_DIR/versions.env"

CACHE_DIR="${CHATVAULT_LOCAL_CACHE:-$LOCAL_DIR/.cache}"
RUN_DIR="${CHATVAULT_LOCAL_RUN:-$LOCAL_DIR/.run}"

KAFKA_HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_SCALA_VERSION-$KAFKA_VERSION"
KAFKA_RUN="$RUN_DIR/kafka"

ES_HOST=127.0.0.1
ES_PORT="${ES_PORT:-9200}"
ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-9300}"
ES_HOME="$CACHE_DIR/elasticsearch-$ELASTICSEARCH_VERSION"
ES_RUN="$RUN_DIR/elasticsearch"
ES_USER="${CHATVAULT_ES_USER:-chatvault-es}"
# Elasticsearch 9.x needs Java 21+; the integ-test zip bundles no JDK.
# Default: Temurin 25; else the newest Temurin JDK under /usr/lib/jvm.
if [[ -z "${ES_JAVA_HOME:-}" ]]; then
  ES_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
  if [[ ! -x "$ES_JAVA_HOME/bin/java" ]]; then
    for _jdk in /usr/lib/jvm/temurin-*-jdk*; do
      [[ -x "$_jdk/bin/java" ]] && ES_JAVA_HOME="$_jdk"
    done
    unset _jdk
  fi
fi

MAVEN_CENTRAL="${MAVEN_CENTRAL_URL:-https://repo.maven.apache.org/maven2}"

log()  { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

need_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "required command '$c' not found (apt-get install it)"
  done
}

# port_open HOST PORT -> 0 if something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1
}

# pid_alive PIDFILE -> 0 and prints pid if the process in PIDFILE is running.
pid_alive() {
  local f="$1" pid
  [[ -s "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  printf '%s\n' "$pid"
}

# stop_pid NAME PIDFILE [TIMEOUT_S]: TERM, wait, then KILL the process (group).
stop_pid() {
  local name="$1" f="$2" timeout="${3:-60}" pid i
  if ! pid="$(pid_alive "$f")"; then
    rm -f "$f"
    log "$name is not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${timeout}s, killing"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
  fi
  rm -f "$f"
  log "$name stopped"
}
