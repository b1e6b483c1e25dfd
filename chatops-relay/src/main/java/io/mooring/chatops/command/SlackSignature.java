package io.mooring.chatops.command;

import io.mooring.runtime.secrets.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + timestamp + ":" + raw body>},
 * keyed with the app's signing secret, with {@code X-Slack-Request-Timestamp} (Unix seconds) no further than
 * {@code maxAge} from now, so that a captured request cannot be replayed later. Compared in constant time.
 */
final class SlackSignature {
    static final String SIGNATURE = "X-Slack-Signature";
    static final String TIMESTAMP = "X-Slack-Request-Timestamp";

    private SlackSignature() {
    }

    /** The header value Slack sends for {@code body} at {@code timestamp}. */
    static String sign(String secret, String timestamp, byte[] body) {
        return "v0=" + HmacSha256.hex(secret, base(timestamp), body);
    }

    /** Nothing if the request is Slack's and fresh; {@link BadRequestSignature} saying why not otherwise. */
    static void verify(String secret, String timestamp, String signature, byte[] body, Instant now, Duration maxAge)
            throws BadRequestSignature {
        if (timestamp == null || timestamp.isBlank()) {
            throw new BadRequestSignature(TIMESTAMP + " is missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestSignature(TIMESTAMP + " must be Unix seconds");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxAge.toSeconds()) {
            throw new BadRequestSignature(TIMESTAMP + " is more than " + maxAge.toSeconds()
                    + " s away from now: a replayed or delayed request");
        }
        if (signature == null || !signature.strip().startsWith("v0=")) {
            throw new BadRequestSignature(SIGNATURE + " must be v0=<hex>");
        }
        if (!HmacSha256.matchesHex(signature.strip().substring(3), HmacSha256.of(secret, base(timestamp.strip()), body))) {
            throw new BadRequestSignature(SIGNATURE + " does not match the body and the signing secret");
        }
    }

    private static byte[] base(String timestamp) {
        return ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
    }

    /** The request is not signed by Slack, or is stale. */
    static final class BadRequestSignature extends Exception {
        BadRequestSignature(String message) {
            super(message);
        }
    }
}
