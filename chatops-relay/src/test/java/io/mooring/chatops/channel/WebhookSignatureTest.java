package io.mooring.chatops.channel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {
    private static final String SECRET = "whsec-0123456789abcdef";
    private static final byte[] BODY = "{\"id\":\"e-1\",\"message\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampAndTheRawBody() {
        // printf '%s' '1700000000.{"id":"e-1","message":"hi"}' | openssl dgst -sha256 -hmac whsec-0123456789abcdef
        assertThat(WebhookSignature.header(SECRET, Instant.ofEpochSecond(1_700_000_000L), BODY))
                .isEqualTo("t=1700000000,v1=" + OPENSSL);
    }

    @Test
    void verifiesItsOwnSignatureAndRefusesATamperedBodyTimestampOrKey() {
        String header = WebhookSignature.header(SECRET, Instant.ofEpochSecond(1_700_000_000L), BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, header, "{\"id\":\"e-1\",\"message\":\"ho\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(WebhookSignature.verify(SECRET, header.replace("t=1700000000", "t=1700000001"), BODY)).isFalse();
        assertThat(WebhookSignature.verify("whsec-another-secret-0", header, BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=1700000000,v1=zz", BODY)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "garbage", BODY)).isFalse();
    }

    private static final String OPENSSL = "28181ae3a8b8685689ab5622dd7a0d096e3ae088023f77e499d6e73bda70828c";
}
