package io.mooring.provisioner.operation;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Encrypts one-time operation results at rest with AES-256-GCM. The key comes from
 * {@code mooring.provisioner.secret-key} (base64 of 32 bytes). Without it a key is generated for
 * this process: results stored by earlier runs or by other replicas then cannot be read, so set it
 * wherever more than one replica runs or restarts must not lose unread results.
 *
 * <p>Sealed form: version byte {@code 1}, 12-byte nonce, ciphertext with the 16-byte tag. The
 * operation id is authenticated data, so a result cannot be moved to another operation.
 */
@Singleton
public class ResultCipher {
    private static final Logger LOG = LoggerFactory.getLogger(ResultCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public ResultCipher(@Nullable @Value("${mooring.provisioner.secret-key:}") String secretKey) {
        this.key = new SecretKeySpec(keyBytes(secretKey), "AES");
    }

    private byte[] keyBytes(@Nullable String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            LOG.warn("mooring.provisioner.secret-key is not set: one-time results (credentials) are encrypted with a key "
                    + "generated for this process; results stored by earlier runs or other replicas cannot be read");
            byte[] generated = new byte[32];
            random.nextBytes(generated);
            return generated;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(secretKey.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mooring.provisioner.secret-key must be base64 of 32 bytes: it is not base64");
        }
        if (decoded.length != 32) {
            throw new IllegalArgumentException("mooring.provisioner.secret-key must be base64 of 32 bytes, not " + decoded.length);
        }
        return decoded;
    }

    public byte[] seal(UUID operationId, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(operationId));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext, or an {@link UnreadableResult} when the key or the operation does not match. */
    public byte[] open(UUID operationId, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new UnreadableResult("not a sealed result of version " + VERSION);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(operationId));
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableResult("sealed with another key or for another operation");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] aad(UUID operationId) {
        return ByteBuffer.allocate(16).putLong(operationId.getMostSignificantBits())
                .putLong(operationId.getLeastSignificantBits()).array();
    }

    /** A sealed result this process cannot open. */
    public static final class UnreadableResult extends RuntimeException {
        public UnreadableResult(String message) {
            super(message);
        }
    }
}
