package io.mooring.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatWebhookTest {
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/secret-token";

    @Test
    void aSlackIncomingWebhookIsPostedToAsSlack() {
        assertThat(ChatWebhook.parse(SLACK, null).kind()).isEqualTo("slack");
    }

    @Test
    void anyOtherUrlGetsGenericPostsUnlessAKindIsGiven() {
        assertThat(ChatWebhook.parse("https://chat.example.org/hooks/ops", null).kind()).isEqualTo("generic");
        assertThat(ChatWebhook.parse("https://matrix.example.org/hookshot/webhook/abc", "matrix").kind()).isEqualTo("matrix");
        assertThat(ChatWebhook.parse("http://127.0.0.1:9000/hook", "slack").kind()).as("a Slack-compatible endpoint elsewhere")
                .isEqualTo("slack");
        assertThat(ChatWebhook.parse(SLACK, "generic").kind()).isEqualTo("generic");
    }

    @Test
    void refusesWhatIsNoHttpUrlOrNoKnownKindWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> ChatWebhook.parse("ftp://hooks.example.org/secret", null))
                .hasMessage("--chat-webhook must be an http:// or https:// URL with a host");
        assertThatThrownBy(() -> ChatWebhook.parse("not a url secret", null))
                .hasMessageStartingWith("--chat-webhook is not a valid URL").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ChatWebhook.parse(SLACK, "teams")).hasMessageContaining("--chat-kind must be slack, matrix or generic");
    }

    @Test
    void theRelayKeepsTheLocalInboxAndGetsTheWebhookInItsEnvironmentOnly(@TempDir Path data) throws IOException {
        Map<String, String> env = ChatWebhook.relayEnvironment("http://127.0.0.1:4000/hooks/chat",
                Optional.of(ChatWebhook.parse(SLACK, null)), Optional.empty(), data);

        assertThat(env).containsEntry("MOORING_CHATOPS_WEBHOOK_URL", SLACK).containsEntry("MOORING_CHATOPS_WEBHOOK_KIND", "slack")
                .containsEntry("MOORING_CHATOPS_WEBHOOK_NAME", "chat");
        Path targets = Path.of(env.get("MICRONAUT_CONFIG_FILES"));
        assertThat(Files.readString(targets)).contains("name: terminal", "url: \"http://127.0.0.1:4000/hooks/chat\"")
                .doesNotContain("secret-token");
        assertThat(ChatWebhook.parse(SLACK, null).describe()).isEqualTo("a slack webhook at hooks.slack.com");
    }

    @Test
    void withoutAWebhookOnlyTheLocalInboxIsATarget(@TempDir Path data) throws IOException {
        assertThat(ChatWebhook.relayEnvironment("http://127.0.0.1:4000/hooks/chat", Optional.empty(), Optional.empty(), data))
                .containsOnlyKeys("MICRONAUT_CONFIG_FILES");
    }

    @Test
    void aTargetsFileIsHandedToTheRelayByItsPath(@TempDir Path data) throws IOException {
        Path file = data.resolve("chat-targets-file.yml");
        assertThat(ChatWebhook.relayEnvironment("http://127.0.0.1:4000/hooks/chat", Optional.empty(), Optional.of(file), data))
                .containsEntry("MOORING_CHATOPS_TARGETS_FILE", file.toString());
    }
}
