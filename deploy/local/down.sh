#!/usr/bin/env bash
# Stop Kafka and Elasticsearch started by up.sh / kafka.sh / elasticsearch.sh.
# PostgreSQL and Redis are machine services and are left running.
#
#   down.sh           stop, keep data (deploy/local/.run)
#   down.sh --purge   stop and delete all Kafka/ES data, logs and config
#                     (the download cache deploy/local/.cache is kept)
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

purge=0
case "${1:-}" in
  "") ;;
  --purge) purge=1 ;;
  *) echo "usage: $0 [--purge]" >&2; exit 2 ;;
esac

rc=0
"$LOCAL_DIR/elasticsearch.sh" stop || rc=1
"$LOCAL_DIR/kafka.sh" stop || rc=1
((rc == 0)) || die "could not stop everything; not purging"

if ((purge)); then
  if [[ -L "$ES_RUN" ]]; then
    target="$(readlink -f "$ES_RUN")"
    if [[ "$target" == /var/lib/chatvault-es/run-* ]]; then
      rm -rf "$target"
    fi
  fi
  rm -rf "$RUN_DIR"
  log "purged $RUN_DIR"
fi
