package io.mooring.search.mastodon;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
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
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
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
        byte[] given = HexFormat.of().parseHex(value.substring("sha256=".length()));
        if (!MessageDigest.isEqual(given, hmac(secret, body))) {
            throw new BadSignature(HEADER + " does not match the body and this source's secret");
        }
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The signature is missing, malformed or wrong. */
    public static final class BadSignature extends Exception {
        BadSignature(String message) {
            super(message);
        }
    }
}
