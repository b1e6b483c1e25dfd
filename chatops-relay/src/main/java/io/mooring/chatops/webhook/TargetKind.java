package io.mooring.chatops.webhook;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook target expects to receive; each kind has its own payload shape. */
public enum TargetKind {
    /** A Slack incoming webhook: {@code {"text": ...}}. */
    SLACK,
    /** A Matrix hookshot generic webhook: {@code {"text": ..., "format": "plain"}}. */
    MATRIX,
    /** Any HTTP endpoint that wants the event: id, type, subject, time, message and data. */
    GENERIC;

    /** The name used in settings and answers: {@code slack}, {@code matrix}, {@code generic}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code value} in settings, case-insensitively, or an {@link IllegalArgumentException}. */
    public static TargetKind parse(String value) {
        for (TargetKind kind : values()) {
            if (kind.configName().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(TargetKind::configName).toList()
                + ", was '" + value + "'");
    }
}
