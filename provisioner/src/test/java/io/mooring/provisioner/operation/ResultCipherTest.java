package io.mooring.provisioner.operation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultCipherTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final byte[] SECRET = "{\"password\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealed() {
        ResultCipher cipher = new ResultCipher(KEY);
        UUID operation = UUID.randomUUID();
        byte[] sealed = cipher.seal(operation, SECRET);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(sealed).hasSize(1 + 12 + SECRET.length + 16);
        assertThat(cipher.open(operation, sealed)).isEqualTo(SECRET);
    }

    @Test
    void usesAFreshNonceEachTime() {
        ResultCipher cipher = new ResultCipher(KEY);
        UUID operation = UUID.randomUUID();
        assertThat(cipher.seal(operation, SECRET)).isNotEqualTo(cipher.seal(operation, SECRET));
    }

    @Test
    void refusesAnotherOperationsResult() {
        ResultCipher cipher = new ResultCipher(KEY);
        byte[] sealed = cipher.seal(UUID.randomUUID(), SECRET);
        assertThatThrownBy(() -> cipher.open(UUID.randomUUID(), sealed)).isInstanceOf(ResultCipher.UnreadableResult.class);
    }

    @Test
    void refusesAResultSealedWithAnotherKeyOrTamperedWith() {
        UUID operation = UUID.randomUUID();
        byte[] sealed = new ResultCipher(KEY).seal(operation, SECRET);
        assertThatThrownBy(() -> new ResultCipher(null).open(operation, sealed)).isInstanceOf(ResultCipher.UnreadableResult.class);
        sealed[20] ^= 1;
        assertThatThrownBy(() -> new ResultCipher(KEY).open(operation, sealed)).isInstanceOf(ResultCipher.UnreadableResult.class);
        assertThatThrownBy(() -> new ResultCipher(KEY).open(operation, new byte[5])).isInstanceOf(ResultCipher.UnreadableResult.class);
    }

    @Test
    void rejectsAKeyThatIsNotThirtyTwoBytesOfBase64() {
        assertThatThrownBy(() -> new ResultCipher("not base64!")).hasMessageContaining("base64");
        assertThatThrownBy(() -> new ResultCipher(Base64.getEncoder().encodeToString(new byte[16]))).hasMessageContaining("32 bytes");
    }
}
