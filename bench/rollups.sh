#!/usr/bin/env bash
# Measures what the roll-ups cost monitor-service's result writer (10,000 monitors, batches of 200) and
# what its uptime endpoint costs to read with a year of buckets (io.mooring.monitor.rollup.RollupBench).
# The service and its embedded Postgres, Kafka and Redis run in this one JVM; nothing else is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -o -pl monitor-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd monitor-service
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.mooring.monitor.rollup.RollupBench
