package io.mooring.chatops.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fields each kind needs, and that secrets never show. */
class TargetKindsTest {

    @Test
    void slackApiNeedsATokenAndAChannelAndDefaultsToSlacksApi() {
        WebhookTarget target = WebhookTarget.parse("ops", null, "slack-api", null, "xoxb-secret-token", "C0123", null);

        assertThat(target.url()).isEqualTo(URI.create("https://slack.com/api"));
        assertThat(target.kind()).isEqualTo(TargetKind.SLACK_API);
        assertThat(target.kind().threads()).isTrue();
        assertThatThrownBy(() -> WebhookTarget.parse("ops", null, "slack-api", null, null, "C0123", null))
                .hasMessage("token must be set for kind slack-api");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", null, "slack-api", null, "xoxb-1", " ", null))
                .hasMessage("channel must be set for kind slack-api");
    }

    @Test
    void matrixNeedsAHomeserverATokenAndARoomId() {
        WebhookTarget target = WebhookTarget.parse("ops", "https://matrix.example.org", "matrix", null,
                "syt_secret", "!abc:example.org", null);
        assertThat(target.kind()).isEqualTo(TargetKind.MATRIX);

        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://matrix.example.org", "matrix", null,
                "syt_secret", "#ops:example.org", null)).hasMessageContaining("channel must be a Matrix room id");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", null, "matrix", null, "syt_secret", "!abc:example.org", null))
                .hasMessage("url must be set");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://matrix.example.org", "matrix", null,
                "syt secret\u0000", "!abc:example.org", null))
                .hasMessage("token must be 1-1024 printable characters without spaces");
    }

    @Test
    void readsTheOldMatrixKindWithOnlyAUrlAsHookshot() {
        WebhookTarget target = WebhookTarget.parse("ops", "https://hooks.example.org/webhook/abc", "matrix", null);
        assertThat(target.kind()).isEqualTo(TargetKind.MATRIX_HOOKSHOT);
        assertThat(target.kind().configName()).isEqualTo("matrix-hookshot");
        assertThat(TargetKind.parse("Matrix-Hookshot")).isEqualTo(TargetKind.MATRIX_HOOKSHOT);
    }

    @Test
    void refusesFieldsTheKindDoesNotUse() {
        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://hooks.slack.com/x", "slack", null, "xoxb-1", null, null))
                .hasMessage("token is only for kinds slack-api and matrix");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://hooks.slack.com/x", "slack", null, null, null,
                "0123456789abcdef")).hasMessage("secret is only for kind generic");
    }

    @Test
    void aSigningSecretIsLongEnoughAndPrintable() {
        assertThat(WebhookTarget.parse("ops", "https://hooks.example.org/x", "generic", null, null, null,
                "0123456789abcdef").secret()).isEqualTo("0123456789abcdef");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://hooks.example.org/x", "generic", null, null, null,
                "short")).hasMessage("secret must be 16-1024 printable characters without spaces");
        assertThatThrownBy(() -> WebhookTarget.parse("ops", "https://hooks.example.org/x", "generic", null, null, null,
                "x".repeat(10_000))).hasMessageNotContaining("xxxx");
    }

    @Test
    void neverShowsTokensOrSecrets() {
        WebhookTarget slack = WebhookTarget.parse("ops", null, "slack-api", List.of(), "xoxb-secret-token", "C0123", null);
        WebhookTarget generic = WebhookTarget.parse("hook", "https://hooks.example.org/x", "generic", null, null, null,
                "0123456789abcdef-secret");

        assertThat(slack.toString()).doesNotContain("xoxb").contains("C0123");
        assertThat(generic.toString()).doesNotContain("secret").contains("signed");
        assertThat(WebhookPoster.redacted("failed with xoxb-secret-token", slack)).doesNotContain("xoxb-secret-token");
    }
}
