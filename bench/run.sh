#!/usr/bin/env bash
# Provisioner benchmark: starts Kafka, PostgreSQL, Redis and S3Proxy (embedded, unless MOORING_*
# variables name running ones) and the provisioner jar, then measures account creation, account reads
# and create -> account.ready on Kafka. Builds first (../mooring build) when jars are missing or stale.
#
#   bench/run.sh [--duration 15s] [--concurrency 1,8] [--warmup 10s] [--max-creates 2000] [--max-reads 20000] [--hosts 50] [--env NAME=VALUE]
#   bench/run.sh drain [--rows 100000] [--keys 1000] [--env NAME=VALUE]   how fast the outbox relay drains a backlog
#   bench/run.sh backup [--sizes 256,1024] [--rounds 1] [--jfr DIR]   the backup writer against pg_dump | zstd | age (> file, | aws s3 cp)
#   bench/run.sh search [--statuses 1000000] [--heap 2g] ...   the search indexer against a raw _bulk ceiling
#   bench/run.sh monitors [--monitors 10000,20000,50000] [--interval 30s] [--duration 30s] ... [--no-status-page]
#                the monitor service's HTTP checks against nginx on loopback, then bench/status-page.sh
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CLASSPATH_FILE="$BENCH/target/classpath.txt"

# The repository's JDK discovery (JDK 21 or newer; JAVA_HOME wins), taken from ../mooring.
eval "$(sed -n -e '/^die()/p' -e '/^java_major()/,/^}/p' -e '/^find_jdk()/,/^}/p' "$ROOT/mooring")"
declare -F find_jdk >/dev/null || { echo "bench: cannot read the JDK discovery from $ROOT/mooring" >&2; exit 1; }
find_jdk

needs_build() {
  [ -f "$CLASSPATH_FILE" ] && [ -d "$BENCH/target/classes" ] \
    && [ -f "$ROOT/provisioner/target/provisioner-0.1.0-SNAPSHOT-all.jar" ] \
    && [ -f "$ROOT/monitor-service/target/monitor-service-0.1.0-SNAPSHOT-all.jar" ] || return 0
  [ -n "$(find "$ROOT" -path "$ROOT/.mooring" -prune -o -path '*/target' -prune -o \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.yml' -o -name '*.sql' -o -name '*.xml' \) \
      -newer "$CLASSPATH_FILE" -print 2>/dev/null | head -n 1)" ]
}

if needs_build; then
  "$ROOT/mooring" build
  touch "$CLASSPATH_FILE" # the build leaves an unchanged classpath file as it was
fi

# embedded servers of earlier runs (run-<pid>-<hex>) whose JVM is gone
for dir in "$BENCH"/target/mooring-servers/run-*; do
  [ -d "$dir" ] || continue
  pid="${dir##*/run-}"; pid="${pid%%-*}"
  kill -0 "$pid" 2>/dev/null || rm -rf "$dir"
done

MAIN=io.mooring.bench.ProvisionerBench
if [ "${1:-}" = drain ]; then
  MAIN=io.mooring.bench.OutboxDrainBench
  shift
elif [ "${1:-}" = backup ]; then
  MAIN=io.mooring.bench.BackupBench
  shift
elif [ "${1:-}" = search ]; then
  MAIN=io.mooring.bench.IndexerBench
  shift
elif [ "${1:-}" = monitors ]; then
  shift
  status_page=1 args=()
  for arg in "$@"; do
    if [ "$arg" = --no-status-page ]; then status_page=0; else args+=("$arg"); fi
  done
  cd "$ROOT"
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
    -Dmooring.root="$ROOT" -Dmooring.servers.dir="$BENCH/target/mooring-servers" \
    -cp "$BENCH/target/classes:$(cat "$CLASSPATH_FILE")" \
    io.mooring.bench.MonitorBench "${args[@]}"
  if [ "$status_page" = 1 ]; then
    echo
    echo "status page, 10,000 monitors (bench/status-page.sh):"
    "$BENCH/status-page.sh"
  fi
  exit 0
fi

cd "$ROOT"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx512m \
  -Dmooring.root="$ROOT" -Dmooring.servers.dir="$BENCH/target/mooring-servers" \
  -cp "$BENCH/target/classes:$(cat "$CLASSPATH_FILE")" \
  "$MAIN" "$@"
