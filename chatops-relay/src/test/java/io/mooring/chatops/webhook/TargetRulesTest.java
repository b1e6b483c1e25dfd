package io.mooring.chatops.webhook;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Targets of every kind as the API and the targets file take them: secrets, options, and the field a problem names. */
class TargetRulesTest {

    private static ManagedTarget check(String kind, Map<String, String> secrets, Map<String, String> options) {
        return TargetRules.check(new TargetSpec("t1", kind, secrets, options, List.of(), null), ManagedTarget.API, null, null);
    }

    @Test
    void slackApiTakesATokenAndAChannelAndDefaultsItsUrl() {
        ManagedTarget target = check("slack-api", Map.of("token", "xoxb-1-2-abc"), Map.of("channel", "C0123"));
        assertThat(target.target().kind()).isEqualTo(TargetKind.SLACK_API);
        assertThat(target.target().token()).isEqualTo("xoxb-1-2-abc");
        assertThat(target.target().channel()).isEqualTo("C0123");
        assertThat(target.target().url().toString()).isEqualTo(WebhookTarget.SLACK_API_URL);
        assertThat(target.secretNames()).containsExactly("token");
        assertThat(target.toString()).doesNotContain("xoxb");
    }

    @Test
    void matrixTakesAnAccessTokenAHomeserverAndARoom() {
        ManagedTarget target = check("matrix", Map.of("token", "syt_abc"),
                Map.of("url", "https://matrix.example.org", "channel", "!room:example.org"));
        assertThat(target.target().host()).isEqualTo("matrix.example.org");
        assertThat(target.options()).containsEntry("channel", "!room:example.org");
    }

    @Test
    void aSignedGenericWebhookKeepsItsSecretWriteOnly() {
        ManagedTarget target = check("generic", Map.of("url", "https://audit.example.org/in", "secret", "0123456789abcdef!"), Map.of());
        assertThat(target.target().secret()).isEqualTo("0123456789abcdef!");
        assertThat(target.secretNames()).containsExactlyInAnyOrder("url", "secret");
        assertThat(target.toString()).doesNotContain("0123456789abcdef");
    }

    @Test
    void problemsNameTheFieldAndNeverTheSecret() {
        assertThatThrownBy(() -> check("slack-api", Map.of("token", "xoxb-1"), Map.of()))
                .isInstanceOf(ProblemException.class).hasMessageContaining("options.channel");
        assertThatThrownBy(() -> check("matrix", Map.of("token", "syt_abc"), Map.of("channel", "!room:example.org")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("options.url");
        assertThatThrownBy(() -> check("matrix", Map.of("token", "syt_abc"),
                Map.of("url", "https://matrix.example.org", "channel", "#alias:example.org")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("options.channel");
        assertThatThrownBy(() -> check("generic", Map.of("url", "https://a.example.org/", "secret", "short"), Map.of()))
                .isInstanceOf(ProblemException.class).hasMessageContaining("secrets.secret").hasMessageNotContaining("short");
        assertThatThrownBy(() -> check("slack", Map.of("url", "https://hooks.slack.com/x", "token", "xoxb-1"), Map.of()))
                .isInstanceOf(ProblemException.class).hasMessageContaining("secrets");
        assertThatThrownBy(() -> check("slack-api", Map.of(), Map.of("channel", "C1")))
                .isInstanceOf(ProblemException.class).hasMessageContaining("secrets.token");
    }
}
