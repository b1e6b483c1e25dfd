package io.mooring.chatops.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPosterTest {

    @Test
    void keepsTheSecretPartsOfTheUrlOutOfErrors() {
        WebhookTarget target = WebhookTarget.parse("ops", "https://hooks.example.org/webhook/s3cr3t?token=abc123", "matrix", null);

        String redacted = WebhookPoster.redacted("ConnectException: cannot reach https://hooks.example.org/webhook/s3cr3t?token=abc123 "
                + "(tried /webhook/s3cr3t, token=abc123)", target);

        assertThat(redacted).doesNotContain("s3cr3t").doesNotContain("abc123").contains("hooks.example.org");
    }
}
