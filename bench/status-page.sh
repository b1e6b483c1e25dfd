#!/usr/bin/env bash
# Measures monitor-service's public status page with 10,000 monitors in 100 public groups: prints
# p50/p95/max over 200 sequential requests per URL (io.mooring.monitor.status.StatusPageBench).
# The service and its embedded Postgres, Kafka and Redis run in this one JVM; nothing else is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -o -pl monitor-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd monitor-service
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.mooring.monitor.status.StatusPageBench
