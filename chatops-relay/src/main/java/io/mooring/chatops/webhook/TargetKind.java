package io.mooring.chatops.webhook;

import java.util.Arrays;
import java.util.Locale;

/** What a webhook target expects to receive; each kind has its own payload shape. */
public enum TargetKind {
    /** A Slack incoming webhook: {@code {"text", "blocks"}} posted to its URL; it cannot thread. */
    SLACK,
    /** Slack's Web API {@code chat.postMessage} with a bot token and a channel: Block Kit, threads. */
    SLACK_API,
    /** Matrix's client-server API (room and access token): HTML messages, threads. */
    MATRIX,
    /** A Matrix hookshot generic webhook: {@code {"text": ..., "format": "plain"}}. */
    MATRIX_HOOKSHOT,
    /** Any HTTP endpoint that wants the event: id, type, subject, time, message and data; signed when it has a secret. */
    GENERIC;

    /** The name used in settings and answers: {@code slack}, {@code slack-api}, {@code matrix}, {@code matrix-hookshot}, {@code generic}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether posts of this kind can reply in the thread of an earlier one. */
    public boolean threads() {
        return this == SLACK_API || this == MATRIX;
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
