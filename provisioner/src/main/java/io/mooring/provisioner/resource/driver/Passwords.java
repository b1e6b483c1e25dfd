package io.mooring.provisioner.resource.driver;

import java.security.SecureRandom;
import java.util.Base64;

/** Generated passwords: 32 bytes from {@link SecureRandom}, URL-safe base64 (43 characters, no quoting needed). */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
