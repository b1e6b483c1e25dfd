package io.mooring.runtime.consumer;

import java.time.Instant;

/** A partition whose consumer has been failing on the record at {@code offset} since {@code since}. */
public record StuckPartition(String group, String topic, int partition, long offset, int attempts, Instant since,
                             String error) {
}
