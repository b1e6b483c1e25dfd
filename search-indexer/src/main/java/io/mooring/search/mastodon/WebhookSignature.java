package io.mooring.search.mastodon;

import io.mooring.runtime.secrets.HmacSha256;

import java.util.regex.Pattern;

/**
 * Mastodon's webhook signature: {@code X-Hub-Signature: sha256=<hex>}, the HMAC-SHA256 of the raw
 * body keyed with the webhook's secret. Compared in constant time, over the bytes as received (a
 * re-encoded body would not match).
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Hub-Signature";
    private static final Pattern VALUE = Pattern.compile("sha256=[0-9a-fA-F]{64}");

    private WebhookSignature() {
    }

    /** The header value Mastodon sends for {@code body}. */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HmacSha256.hex(secret, body);
    }

    /** Nothing if {@code header} signs {@code body} with {@code secret}; a {@link BadSignature} saying why not otherwise. */
    public static void verify(String secret, String header, byte[] body) throws BadSignature {
        if (header == null || header.isBlank()) {
            throw new BadSignature(HEADER + " is missing");
        }
        String value = header.strip();
        if (!VALUE.matcher(value).matches()) {
            throw new BadSignature(HEADER + " must be sha256=<64 hex digits>");
        }
        if (!HmacSha256.matchesHex(value.substring("sha256=".length()), HmacSha256.of(secret, body))) {
            throw new BadSignature(HEADER + " does not match the body and this source's secret");
        }
    }

    /** The signature is missing, malformed or wrong. */
    public static final class BadSignature extends Exception {
        BadSignature(String message) {
            super(message);
        }
    }
}
