package io.mooring.chatops.channel;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The signature of a generic target's post: header {@value #HEADER} {@code t=<unix seconds>,v1=<hex>} where the hex is
 * HMAC-SHA256, keyed with the target's secret, of {@code "<t>.<raw body>"}. A receiver recomputes it over the bytes it
 * received and compares in constant time (see the README).
 */
public final class WebhookSignature {
    public static final String HEADER = "Mooring-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The header value for {@code body} posted at {@code at}. */
    public static String header(String secret, Instant at, byte[] body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(hmac(secret, t, body));
    }

    /** Whether {@code header} signs {@code body} with {@code secret} (what a receiver checks; the age is its own rule). */
    public static boolean verify(String secret, String header, byte[] body) {
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            try {
                if (pair[0].equals("t")) {
                    t = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return t != null && given != null && MessageDigest.isEqual(hmac(secret, t, body), given);
    }

    private static byte[] hmac(String secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
