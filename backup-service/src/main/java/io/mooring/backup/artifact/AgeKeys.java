package io.mooring.backup.artifact;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The age keys of the service: the default X25519 recipients artifacts are encrypted to
 * ({@code mooring.backup.age.recipients}, comma-separated {@code age1...} keys) and the identities
 * that decrypt them for restores ({@code mooring.backup.age.identity-file}, an age identity file with
 * one or more {@code AGE-SECRET-KEY-1...} lines, read when needed). Identities are never logged or
 * returned; messages name the file only.
 */
@Singleton
public class AgeKeys {
    /** The age format artifacts are written in, as the manifest records it. */
    public static final String FORMAT = "age-encryption.org/v1";

    private final List<String> recipients;
    private final String identityFile;

    public AgeKeys(@Value("${mooring.backup.age.recipients:}") List<String> recipients,
                   @Value("${mooring.backup.age.identity-file:}") String identityFile) {
        List<String> parsed = new ArrayList<>();
        for (String r : recipients == null ? List.<String>of() : recipients) {
            String trimmed = r.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (!isRecipient(trimmed)) {
                throw new ConfigurationException("mooring.backup.age.recipients: '" + trimmed
                        + "' is not an age X25519 recipient (age1...)");
            }
            parsed.add(trimmed);
        }
        this.recipients = List.copyOf(parsed);
        this.identityFile = identityFile == null ? "" : identityFile.strip();
    }

    /** The recipients of artifacts whose policy names none; may be empty when none are configured. */
    public List<String> defaultRecipients() {
        return recipients;
    }

    /** Whether {@code value} is an age X25519 recipient ({@code age1...}, Bech32 with a valid checksum). */
    public static boolean isRecipient(String value) {
        if (value == null || !value.toLowerCase(Locale.ROOT).startsWith("age1") || value.length() > 200) {
            return false;
        }
        try {
            X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(value);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Stanza writers for {@code recipients}; an {@link IllegalArgumentException} names a bad one. */
    static List<RecipientStanzaWriter> writers(List<String> recipients) {
        List<RecipientStanzaWriter> writers = new ArrayList<>();
        for (String r : recipients) {
            try {
                writers.add(X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(r));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("'" + r + "' is not an age X25519 recipient");
            }
        }
        return writers;
    }

    /** Stanza readers for every identity in the identity file. */
    List<RecipientStanzaReader> readers() {
        if (identityFile.isEmpty()) {
            throw new IllegalStateException("mooring.backup.age.identity-file is not set: artifacts cannot be decrypted");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(identityFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("mooring.backup.age.identity-file=" + identityFile + " cannot be read: "
                    + e.getClass().getSimpleName());
        }
        List<RecipientStanzaReader> readers = new ArrayList<>();
        int lineNumber = 0;
        for (String line : lines) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(trimmed));
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new IllegalStateException("mooring.backup.age.identity-file=" + identityFile + ": line "
                        + lineNumber + " is not an age X25519 identity");
            }
        }
        if (readers.isEmpty()) {
            throw new IllegalStateException("mooring.backup.age.identity-file=" + identityFile + " holds no identity");
        }
        return readers;
    }

    @Override
    public String toString() {
        return "AgeKeys[recipients=" + recipients + ", identity-file=" + identityFile + "]";
    }
}
