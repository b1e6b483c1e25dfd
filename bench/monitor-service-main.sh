#!/usr/bin/env bash
# Runs a measurement class of monitor-service's test sources (its own embedded Postgres, Kafka and Redis in
# the same JVM): bench/monitor-service-main.sh io.mooring.monitor.status.StatusPageBench
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
./mvnw -q -o -pl monitor-service -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cd monitor-service
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$1"
