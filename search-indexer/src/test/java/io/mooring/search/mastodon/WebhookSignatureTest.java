package io.mooring.search.mastodon;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {
    private static final String SECRET = "4f1c2e9a8b7d6e5f";
    /** {@code openssl dgst -sha256 -hmac 4f1c2e9a8b7d6e5f < status-public.json}: what Mastodon's OpenSSL::HMAC sends. */
    private static final String OPENSSL = "sha256=750f7ff545aa572c8ad9f3ba36ad0954d3659defa3307bff14b277961395c4e9";

    @Test
    void signsTheRawBodyAsOpensslDoes() throws Exception {
        byte[] body = Fixtures.bytes("status-public");
        assertThat(WebhookSignature.sign(SECRET, body)).isEqualTo(OPENSSL);
        assertThatCode(() -> WebhookSignature.verify(SECRET, OPENSSL, body)).doesNotThrowAnyException();
        assertThatCode(() -> WebhookSignature.verify(SECRET, OPENSSL.toUpperCase().replace("SHA256=", "sha256="), body))
                .as("hex digits in either case").doesNotThrowAnyException();
    }

    @Test
    void refusesATamperedBodyAWrongSecretAndAMissingOrMalformedHeader() {
        byte[] body = Fixtures.bytes("status-public");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("zephyr", "Zephyr").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, OPENSSL, tampered)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> WebhookSignature.verify("another-secret", OPENSSL, body)).hasMessageContaining("does not match");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, null, body)).hasMessageContaining("missing");
        assertThatThrownBy(() -> WebhookSignature.verify(SECRET, " ", body)).hasMessageContaining("missing");
        for (String malformed : new String[]{OPENSSL.substring(7), "sha1=" + OPENSSL.substring(7), OPENSSL + "00",
                OPENSSL.substring(0, OPENSSL.length() - 1), "sha256=" + "zz".repeat(32), OPENSSL + ",sha256=" + OPENSSL.substring(7)}) {
            assertThatThrownBy(() -> WebhookSignature.verify(SECRET, malformed, body)).as(malformed)
                    .isInstanceOf(WebhookSignature.BadSignature.class).hasMessageContaining("sha256=<64 hex digits>");
        }
    }
}
