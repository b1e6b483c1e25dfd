package io.mooring.monitor.schedule;

import java.time.Instant;
import java.util.Objects;

/** A monitor claimed for one check, and when that check was due (lag is measured from there). */
public record DueCheck(CheckDefinition monitor, Instant dueAt) {
    public DueCheck {
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
