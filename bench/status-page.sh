#!/usr/bin/env bash
# Measures monitor-service's public status page with 10,000 monitors in 100 public groups: prints
# p50/p95/max over 200 sequential requests per URL (io.mooring.monitor.status.StatusPageBench).
exec "$(dirname "$0")/monitor-service-main.sh" io.mooring.monitor.status.StatusPageBench
