package io.mooring.monitor.monitor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret a heartbeat job checks in with. Only its SHA-256 is stored, so the token is shown
 * once, when the monitor is created.
 */
public record HeartbeatToken(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    public HeartbeatToken {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a heartbeat token must not be blank");
        }
    }

    /** A fresh token of 256 random bits, URL-safe so it can sit in a check-in URL. */
    public static HeartbeatToken generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new HeartbeatToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The stored form: SHA-256 of the token, lowercase hex. */
    public String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "HeartbeatToken[***]";
    }
}
