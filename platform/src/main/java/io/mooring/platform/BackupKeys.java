package io.mooring.platform;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Map;

/**
 * The age key pair the local platform's backups are encrypted to: made once under
 * {@code <data>/backup/} ({@code age-identity.txt}, readable by its owner only, and
 * {@code age-recipient.txt}) and kept across starts, so that earlier artifacts stay readable.
 * The identity file is what {@code age -d -i} takes to restore an artifact by hand.
 */
final class BackupKeys {
    private BackupKeys() {
    }

    /** The backup service's settings for the key pair, made if missing. */
    static Map<String, String> environment(Path data) throws IOException, GeneralSecurityException {
        Path dir = Files.createDirectories(data.resolve("backup"));
        Path identity = dir.resolve("age-identity.txt");
        Path recipient = dir.resolve("age-recipient.txt");
        if (!Files.exists(identity) || !Files.exists(recipient)) {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            Path tmp = Files.createTempFile(dir, "age-identity", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, "# the local platform's backup key; age -d -i this file decrypts its artifacts\n"
                    + "# public key: " + pair.getPublic() + "\n" + pair.getPrivate() + "\n");
            Files.writeString(recipient, pair.getPublic() + "\n");
            Files.move(tmp, identity, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return Map.of(
                "MOORING_BACKUP_AGE_RECIPIENTS", Files.readString(recipient).strip(),
                "MOORING_BACKUP_AGE_IDENTITY_FILE", identity.toAbsolutePath().toString());
    }
}
