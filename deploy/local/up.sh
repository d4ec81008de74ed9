#!/usr/bin/env bash
# Bring up everything ChatVault needs locally / in CI: fetch artifacts,
# PostgreSQL databases + Redis check, Kafka and Elasticsearch (started in
# parallel, each waited for). Idempotent.
#
# Progress goes to stderr; the environment to use goes to stdout, so
#   eval "$(deploy/local/up.sh)"
# exports it into the calling shell.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$LOCAL_DIR/fetch.sh"
"$LOCAL_DIR/databases.sh"

"$LOCAL_DIR/kafka.sh" start &
kafka_job=$!
"$LOCAL_DIR/elasticsearch.sh" start &
es_job=$!
rc=0
wait "$kafka_job" || { log "kafka failed to start"; rc=1; }
wait "$es_job" || { log "elasticsearch failed to start"; rc=1; }
((rc == 0)) || die "not all services are up (see messages above)"

cat <<ENV
export KAFKA_BROKERS=$KAFKA_HOST:$KAFKA_PORT
export ELASTICSEARCH_URL=http://$ES_HOST:$ES_PORT
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/chatvault
export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/chatvault_test
export REDIS_URL=redis://127.0.0.1:6379
ENV
