package io.mooring.backup.artifact;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgeKeysTest {
    private final KeyPair pair = generate();
    private final KeyPair other = generate();

    @Test
    void acceptsX25519RecipientsAndRejectsAnythingElse() {
        assertThat(AgeKeys.isRecipient(pair.getPublic().toString())).isTrue();
        assertThat(AgeKeys.isRecipient("age1notakey")).isFalse();
        assertThat(AgeKeys.isRecipient(pair.getPrivate().toString())).isFalse();
        assertThat(AgeKeys.isRecipient("ssh-ed25519 AAAA")).isFalse();
        assertThat(AgeKeys.isRecipient(null)).isFalse();
        assertThat(AgeKeys.isRecipient("age1" + "q".repeat(10_000))).isFalse();
    }

    @Test
    void defaultRecipientsComeFromTheSettingAndAMalformedOneStopsTheService() {
        AgeKeys keys = new AgeKeys(List.of(" " + pair.getPublic() + " ", "", other.getPublic().toString()), "");
        assertThat(keys.defaultRecipients()).containsExactly(pair.getPublic().toString(), other.getPublic().toString());
        assertThatThrownBy(() -> new AgeKeys(List.of("age1bogus"), "")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mooring.backup.age.recipients");
    }

    @Test
    void readsEveryIdentityOfTheFileSkippingCommentsAndNeverShowsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("identity.txt");
        Files.writeString(file, "# created: today\n# public key: " + pair.getPublic() + "\n" + pair.getPrivate()
                + "\n\n" + other.getPrivate() + "\n");
        AgeKeys keys = new AgeKeys(List.of(), file.toString());
        assertThat(keys.readers()).hasSize(2);
        assertThat(keys.toString()).doesNotContain("AGE-SECRET-KEY");

        Files.writeString(file, pair.getPrivate() + "\nAGE-SECRET-KEY-1BROKEN\n");
        assertThatThrownBy(keys::readers).hasMessageContaining("line 2").hasMessageNotContaining("AGE-SECRET-KEY");
        assertThatThrownBy(() -> new AgeKeys(List.of(), dir.resolve("missing").toString()).readers())
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> new AgeKeys(List.of(), "").readers()).hasMessageContaining("identity-file is not set");
    }

    private static KeyPair generate() {
        try {
            return new X25519KeyPairGenerator().generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
