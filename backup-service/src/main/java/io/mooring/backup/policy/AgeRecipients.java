package io.mooring.backup.policy;

import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;

import java.security.GeneralSecurityException;

/** Checks age X25519 recipients by parsing them as age does (Bech32 with the {@code age} prefix and a 32-byte key). */
final class AgeRecipients {
    private AgeRecipients() {
    }

    /** The recipient, or an {@link IllegalArgumentException} saying why it is not one. */
    static String require(String recipient) {
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
            return recipient;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an age X25519 recipient (age1...): " + e.getMessage(), e);
        }
    }
}
