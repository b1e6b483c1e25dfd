package io.mooring.chatops.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.chatops.WebhookReceiver;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupRunStarted;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.monitoring.StatusReported;
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.runtime.secrets.HmacSha256;
import io.mooring.testing.EventTopics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command's outcome goes back to the channel it was typed in, against the real Kafka and TLS Redis: a slash command
 * is sent, the test answers it as a service would (an event carrying the {@code commandId} on the service's topic),
 * and the chat's {@code response_url} (a real HTTP receiver) gets the answer once; an unanswered command is said to
 * be so once; an unlisted response host gets nothing.
 */
@MicronautTest
class CommandOutcomeIT extends RelayIT {
    private static final String SECRET = "it-outcome-secret-" + UUID.randomUUID();
    private static final String MATTERMOST = "it-outcome-token";
    private static final String NO_ANSWER = "No answer from the platform within 4s";

    private final ObjectMapper json = new ObjectMapper();

    CommandOutcomeIT() {
        super("outcomes", Topics.PROVISIONING, Topics.BACKUPS, Topics.MONITORING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.consumer.backoff-max", "1s");
        properties.put("mooring.chatops.commands.slack-signing-secret", SECRET);
        properties.put("mooring.chatops.commands.mattermost-token", MATTERMOST);
        properties.put("mooring.chatops.commands.allowed-users", "U-OPS,alice");
        properties.put("mooring.chatops.commands.response-hosts", "127.0.0.1");
        properties.put("mooring.chatops.commands.answer-timeout", "4s");
        properties.put("mooring.chatops.commands.sweep-interval", "500ms");
    }

    @Test
    void eachAnswerToASlackCommandIsPostedToItsResponseUrlOnce() {
        String account = UUID.randomUUID().toString();
        String path = "/slack/" + UUID.randomUUID();
        String commandId = slack("backup run " + account, path);

        EventEnvelope first = EventTopics.envelope("backup-service",
                new BackupRunStarted("p-1", "run-1", account, "chat", commandId));
        events.send(first);
        events.send(first);
        send(new BackupRunStarted("p-2", "run-2", account, "chat", commandId));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(path)).anyMatch(t -> t.contains("run-2")));
        assertThat(answers(path)).filteredOn(t -> t.contains("run-1")).hasSize(1);
        assertThat(answers(path)).filteredOn(t -> t.contains("run-2")).hasSize(1);
        WebhookReceiver.Received post = receiver.received(path).stream().filter(r -> r.body().contains("run-1")).findFirst()
                .orElseThrow();
        JsonNode body = read(post.body());
        assertThat(body.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(body.get("replace_original").asBoolean(true)).isFalse();
        // the text the relay renders for its targets, escaped for Slack, naming who asked what
        assertThat(body.get("text").asText()).contains("run-1").contains("slack:ops asked to back up account " + account);
        assertThat(post.contentType()).startsWith("application/json");
    }

    @Test
    void aServicesRefusalOfAMattermostCommandIsPostedBack() {
        String account = UUID.randomUUID().toString();
        String path = "/mattermost/" + UUID.randomUUID();
        String commandId = mattermost("account suspend " + account + " unpaid", path);

        send(new AccountCommandRejected(commandId, "account.suspend", account, "no account " + account));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(path))
                .anyMatch(t -> t.contains("Command account.suspend " + account + " refused: no account " + account)
                        && t.contains("mattermost:alice asked to suspend account " + account)));
    }

    @Test
    void aCommandNobodyAnswersIsSaidSoOnceAndALateAnswerIsStillPosted() {
        String account = UUID.randomUUID().toString();
        String path = "/slack/" + UUID.randomUUID();
        String commandId = slack("account resume " + account, path);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(path)).anyMatch(t -> t.contains(NO_ANSWER)));
        assertThat(answers(path).getFirst()).contains("slack:ops asked to resume account " + account).contains(commandId);

        // a later command's notice comes after many more sweeps: the first was not said again
        String later = "/slack/" + UUID.randomUUID();
        slack("account resume " + account, later);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(later)).anyMatch(t -> t.contains(NO_ANSWER)));
        assertThat(answers(path)).filteredOn(t -> t.contains(NO_ANSWER)).hasSize(1);

        send(new AccountSuspended(account, "late", commandId));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(path)).anyMatch(t -> t.contains("suspended: late")));
        assertThat(answers(later)).hasSize(1);
    }

    @Test
    void aResponseUrlOnAHostNotListedGetsNothing() {
        String account = UUID.randomUUID().toString();
        String unlisted = "/unlisted/" + UUID.randomUUID();
        String listed = "/slack/" + UUID.randomUUID();
        String ignored = slackAnsweringAt("backup run " + account, receiver.url(unlisted).replace("127.0.0.1", "localhost"));
        String answered = slack("backup run " + account, listed);

        // the same account: the same partition, so the first answer is handled before the second
        send(new BackupRunStarted("p-1", "run-x", account, "chat", ignored));
        send(new BackupRunStarted("p-1", "run-y", account, "chat", answered));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(listed)).anyMatch(t -> t.contains("run-y")));
        assertThat(receiver.received(unlisted)).isEmpty();
    }

    @Test
    void aStatusAskedByAnyoneAndAMonitorPauseAreAnsweredInTheChannel() {
        String path = "/slack/" + UUID.randomUUID();
        String status = slackAs("U-GUEST", "guest", "status", receiver.url(path));
        String monitor = UUID.randomUUID().toString();
        String pause = slackAnsweringAt("monitor pause " + monitor + " 2h", receiver.url(path));

        send(new StatusReported(status, "platform", "DOWN", 3, 0, 1, 1, List.of("web down"), 1));
        send(new MonitorStateChanged(monitor, "DOWN", "PAUSED", "paused from chat for 2h", null, pause));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(answers(path))
                .anyMatch(t -> t.contains("Platform status DOWN: 3 up, 0 degraded, 1 down, 1 paused; 1 open incident(s): web down")
                        && t.contains("slack:guest asked to show the platform's status"))
                .anyMatch(t -> t.contains("Monitor " + monitor + " is PAUSED") && t.contains("pause monitor " + monitor + " for 2h")));
    }

    private String slack(String text, String path) {
        return slackAnsweringAt(text, receiver.url(path));
    }

    private String slackAnsweringAt(String text, String responseUrl) {
        return slackAs("U-OPS", "ops", text, responseUrl);
    }

    private String slackAs(String userId, String userName, String text, String responseUrl) {
        String body = form(userId, userName, text, responseUrl);
        String now = Long.toString(Instant.now().getEpochSecond());
        String signature = "v0=" + HmacSha256.hex(SECRET, ("v0:" + now + ":").getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        return commandId(http.toBlocking().retrieve(HttpRequest.POST("/webhooks/slack/commands", body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("X-Slack-Request-Timestamp", now).header("X-Slack-Signature", signature)));
    }

    private String mattermost(String text, String path) {
        String body = form("u-alice", "alice", text, receiver.url(path)) + "&token=" + MATTERMOST;
        return commandId(http.toBlocking().retrieve(HttpRequest.POST("/webhooks/mattermost/commands", body)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)));
    }

    private String commandId(String reply) {
        JsonNode answer = read(reply);
        assertThat(answer.get("response_type").asText()).as(reply).isEqualTo("in_channel");
        return answer.get("text").asText().replaceAll(".*\\(command ([0-9a-f-]+)\\).*", "$1");
    }

    private List<String> answers(String path) {
        return receiver.received(path).stream().map(r -> read(r.body()).get("text").asText()).toList();
    }

    private void send(MooringEvent answer) {
        events.send(EventTopics.envelope("a-service", answer));
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(String userId, String userName, String text, String responseUrl) {
        return "team_id=T-IT&channel_id=C-1&channel_name=general&user_id=" + userId + "&user_name=" + userName
                + "&command=%2Fmooring&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&trigger_id=" + UUID.randomUUID()
                + "&response_url=" + URLEncoder.encode(responseUrl, StandardCharsets.UTF_8);
    }
}
