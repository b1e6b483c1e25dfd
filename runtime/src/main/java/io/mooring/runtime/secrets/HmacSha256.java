package io.mooring.runtime.secrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * HMAC-SHA256 as signed webhooks use it (Mastodon's {@code X-Hub-Signature}, Slack's {@code v0} request signature,
 * the relay's own signed posts), and the constant-time comparison that checking such a signature needs.
 */
public final class HmacSha256 {
    private HmacSha256() {
    }

    /** The HMAC of the concatenated {@code parts}, keyed with the UTF-8 bytes of {@code secret}. */
    public static byte[] of(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** {@link #of} in lowercase hex. */
    public static String hex(String secret, byte[]... parts) {
        return HexFormat.of().formatHex(of(secret, parts));
    }

    /** Whether {@code givenHex} (either case) is {@code expected}, compared in time independent of where they differ. */
    public static boolean matchesHex(String givenHex, byte[] expected) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(givenHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }
}
