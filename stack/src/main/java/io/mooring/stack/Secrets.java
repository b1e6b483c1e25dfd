package io.mooring.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generated passwords of the embedded servers' own users. */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /**
     * A new random password (36 hex digits). When {@code persistent}, the one in {@code file} if it
     * exists, otherwise a new one written there readable by the owner only.
     */
    static String password(Path file, boolean persistent) throws IOException {
        if (persistent && Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        if (persistent) {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, password + "\n");
            Files.move(tmp, file);
        }
        return password;
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
