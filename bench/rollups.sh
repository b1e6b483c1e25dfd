#!/usr/bin/env bash
# Measures what the roll-ups cost monitor-service's result writer (10,000 monitors, batches of 200) and
# what its uptime endpoint costs to read with a year of buckets (io.mooring.monitor.rollup.RollupBench).
exec "$(dirname "$0")/monitor-service-main.sh" io.mooring.monitor.rollup.RollupBench
