package io.mooring.chatops.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.chatops.RelayIT;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.Servers;
import io.mooring.testing.EventTopics;
import io.mooring.testing.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Slash commands against the real Kafka and TLS Redis: signed as Slack signs them (or with Mattermost's token), a
 * command becomes {@code CommandIssued} naming the account's id, learned from provisioning events; a tampered, stale
 * or wrongly keyed request, a user not allowed and an unknown account publish nothing.
 */
@MicronautTest
class SlashCommandIT extends RelayIT {
    private static final String SECRET = "it-signing-secret-" + UUID.randomUUID();
    private static final String MATTERMOST = "it-mattermost-token";

    private final ObjectMapper json = new ObjectMapper();
    private final String accountId = UUID.randomUUID().toString();
    private final String accountName = "acme-" + accountId.substring(0, 8);
    private TopicReader commands;

    SlashCommandIT() {
        super("commands", Topics.PROVISIONING, Topics.MONITORING);
    }

    @Override
    protected void settings(Map<String, String> properties) {
        properties.put("mooring.chatops.commands.slack-signing-secret", SECRET);
        properties.put("mooring.chatops.commands.mattermost-token", MATTERMOST);
        properties.put("mooring.chatops.commands.allowed-users", "U-OPS,alice");
        properties.put("mooring.chatops.commands.allowed-channels", "C-INCIDENTS");
        properties.put("mooring.kafka.publish-timeout", "2s");
    }

    @BeforeAll
    void learnTheAccountsName() {
        commands = new TopicReader(Servers.kafka().bootstrapServers(), Topics.CHATOPS_COMMANDS);
        publish(new AccountReady(accountId, accountName, UUID.randomUUID().toString(), "small", "ops@example.org"));
        // the relay has learned the name once a command naming it is answered in the channel
        await().atMost(PATIENCE).until(() -> "in_channel".equals(slack(form("U-OPS", "ops", "C-1", "backup run " + accountName))
                .get("response_type").asText()));
    }

    @AfterAll
    void closeCommands() {
        commands.close();
    }

    @Test
    void aSignedSlackCommandBecomesCommandIssuedForTheNamedAccountsIdOnce() {
        String trigger = "trigger-" + UUID.randomUUID();
        String body = form("U-OPS", "ops", "C-1", "account suspend " + accountName + " unpaid since March") + "&trigger_id=" + trigger;

        JsonNode reply = slack(body);
        JsonNode again = slack(body);

        assertThat(reply.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(reply.get("text").asText()).contains("slack:ops asked to suspend account " + accountName);
        assertThat(again).isEqualTo(reply);
        String commandId = reply.get("text").asText().replaceAll(".*\\(command ([0-9a-f-]+)\\).*", "$1");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(issued()).filteredOn(c -> c.commandId().equals(commandId))
                .hasSize(2).allSatisfy(c -> {
                    assertThat(c.command()).isEqualTo("account.suspend");
                    assertThat(c.target()).isEqualTo(accountId);
                    assertThat(c.arguments()).containsExactly(Map.entry("reason", "unpaid since March"));
                    assertThat(c.issuedBy()).isEqualTo("slack:ops");
                    assertThat(c.channel()).isEqualTo("slack:general");
                }));
        // a retried delivery of the same invocation carries the same event id: consumers act once
        assertThat(commands.events().stream().filter(e -> e.dataAs(CommandIssued.class)
                .filter(c -> c.commandId().equals(commandId)).isPresent()).map(ReceivedEvent::id).distinct()).hasSize(1);
    }

    @Test
    void aMattermostCommandWithTheTokenIsIssuedAndOneWithoutIsRefused() {
        String body = form("u-alice-id", "alice", "town-square", "backup run " + accountName + " main")
                + "&token=" + MATTERMOST;
        JsonNode reply = mattermost(body);
        assertThat(reply.get("response_type").asText()).isEqualTo("in_channel");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(issued()).anySatisfy(c -> {
            assertThat(c.command()).isEqualTo("backup.run");
            assertThat(c.arguments()).containsExactly(Map.entry("resource", "main"));
            assertThat(c.issuedBy()).isEqualTo("mattermost:alice");
        }));

        String marker = "m-" + UUID.randomUUID().toString().substring(0, 8);
        for (String token : List.of("", "&token=wrong", "&token=" + MATTERMOST + "x")) {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                    .exchange(post("/webhooks/mattermost/commands", form("u-alice-id", "alice", "x",
                            "account resume " + marker) + token), String.class));
            assertThat(refused.code()).isEqualTo(401);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains("urn:mooring:problem:bad-token");
        }
        assertNothingIssuedFor(marker);
    }

    @Test
    void tamperedStaleAndWronglyKeyedSlackRequestsAre401AndPublishNothing() {
        String marker = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String body = form("U-OPS", "ops", "C-1", "account resume " + marker);
        String now = Long.toString(Instant.now().getEpochSecond());
        String stale = Long.toString(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        List<HttpRequest<?>> forged = List.of(
                signed(body.replace("ops", "eve"), now, SlackSignature.sign(SECRET, now, bytes(body))),
                signed(body, stale, SlackSignature.sign(SECRET, stale, bytes(body))),
                signed(body, now, SlackSignature.sign("guessed", now, bytes(body))),
                post("/webhooks/slack/commands", body));
        for (HttpRequest<?> request : forged) {
            HttpClientResponseException refused = catchThrowableOfType(HttpClientResponseException.class,
                    () -> http.toBlocking().exchange(request, String.class));
            assertThat(refused.code()).as(request.toString()).isEqualTo(401);
            assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains("urn:mooring:problem:bad-signature");
        }
        assertNothingIssuedFor(marker);
    }

    @Test
    void usersNotAllowedUnknownAccountsAndUnknownCommandsGetAnAnswerToThemselvesOnly() {
        JsonNode refused = slack(form("U-GUEST", "guest", "C-RANDOM", "account suspend " + accountName));
        assertThat(refused.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(refused.get("text").asText()).contains("You may not suspend account " + accountName).contains("U-GUEST");

        JsonNode inAllowedChannel = slack(form("U-GUEST", "guest", "C-INCIDENTS", "backup run " + accountName));
        assertThat(inAllowedChannel.get("response_type").asText()).isEqualTo("in_channel");

        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode notKnown = slack(form("U-OPS", "ops", "C-1", "account resume " + unknown));
        assertThat(notKnown.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(notKnown.get("text").asText()).contains("No account named " + unknown);

        JsonNode help = slack(form("U-GUEST", "guest", "C-RANDOM", "launch rockets"));
        assertThat(help.get("text").asText()).contains("unknown command 'launch rockets'").contains("/mooring backup run");
        assertNothingIssuedFor(unknown);
        assertThat(issued()).noneMatch(c -> c.issuedBy().equals("slack:guest") && c.command().equals("account.suspend"));
    }

    @Test
    void aPurgedAccountsNameIsForgottenAndKafkaAwayIsSaidPlainly() {
        String id = UUID.randomUUID().toString();
        String name = "gone-" + id.substring(0, 8);
        publish(new AccountReady(id, name, UUID.randomUUID().toString(), "small", "ops@example.org"));
        await().atMost(PATIENCE).until(() -> "in_channel".equals(slack(form("U-OPS", "ops", "C-1", "backup run " + name))
                .get("response_type").asText()));
        publish(new AccountPurged(id));
        await().atMost(PATIENCE).until(() -> slack(form("U-OPS", "ops", "C-1", "backup run " + name)).get("text").asText()
                .contains("No account named " + name));

        KafkaServer kafka = Servers.kafka();
        kafka.stop();
        try {
            JsonNode reply = slack(form("U-OPS", "ops", "C-1", "backup run " + accountId));
            assertThat(reply.get("response_type").asText()).isEqualTo("ephemeral");
            assertThat(reply.get("text").asText()).startsWith("Not sent");
        } finally {
            kafka.start();
        }
    }

    @Test
    void monitorCommandsNameMonitorsAsOperatorsDoLearnedFromMonitoringEvents() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String web = "web-" + tag;
        String mine = "m-" + UUID.randomUUID();
        String theirs = "m-" + UUID.randomUUID();
        String edge = "m-" + UUID.randomUUID();
        publish(new MonitorCreated(mine, accountId, web, "http", "https://acme.example/health"));
        publish(new MonitorCreated(theirs, UUID.randomUUID().toString(), web, "http", "https://other.example/health"));
        publish(new MonitorCreated(edge, null, "edge-" + tag, "tcp", "edge.example:443"));
        await().atMost(PATIENCE).until(() -> "in_channel".equals(slack(form("U-OPS", "ops", "C-1", "monitor resume edge-" + tag))
                .get("response_type").asText()));

        JsonNode ambiguous = slack(form("U-OPS", "ops", "C-1", "monitor pause " + web + " 2h"));
        assertThat(ambiguous.get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(ambiguous.get("text").asText()).contains("2 monitors are named " + web)
                .contains("account " + accountName).contains("<account>/" + web);
        JsonNode badDuration = slack(form("U-OPS", "ops", "C-1", "monitor pause " + accountName + "/" + web + " 2w"));
        assertThat(badDuration.get("text").asText()).contains("'2w' is not a duration");

        JsonNode paused = slack(form("U-OPS", "ops", "C-1", "monitor pause " + accountName + "/" + web + " 2h"));
        assertThat(paused.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(paused.get("text").asText()).contains("slack:ops asked to pause monitor " + accountName + "/" + web + " for 2h");
        slack(form("U-OPS", "ops", "C-1", "monitor resume " + theirs));
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(issued()).anySatisfy(c -> {
                assertThat(c.command()).isEqualTo("monitor.pause");
                assertThat(c.target()).isEqualTo(mine);
                assertThat(c.arguments()).containsExactly(Map.entry("duration", "2h"));
            });
            assertThat(issued()).anySatisfy(c -> assertThat(c.target() + " " + c.command()).isEqualTo(edge + " monitor.resume"));
            assertThat(issued()).anySatisfy(c -> assertThat(c.target() + " " + c.command()).isEqualTo(theirs + " monitor.resume"));
        });

        // renamed and deleted monitors: the names follow
        publish(new MonitorUpdated(edge, null, "gateway-" + tag, "edge.example:443", 60));
        publish(new MonitorDeleted(theirs));
        await().atMost(PATIENCE).until(() -> "in_channel".equals(slack(form("U-OPS", "ops", "C-1", "monitor pause " + web))
                .get("response_type").asText()));
        assertThat(slack(form("U-OPS", "ops", "C-1", "monitor resume edge-" + tag)).get("text").asText())
                .contains("No monitor named edge-" + tag);
        assertThat(slack(form("U-OPS", "ops", "C-1", "monitor resume gateway-" + tag)).get("response_type").asText())
                .isEqualTo("in_channel");
        JsonNode guest = slack(form("U-GUEST", "guest", "C-RANDOM", "monitor pause " + web));
        assertThat(guest.get("text").asText()).contains("You may not pause monitor " + web);
    }

    @Test
    void statusMayBeAskedByAnyoneButOnlySigned() {
        JsonNode reply = slack(form("U-GUEST", "guest", "C-RANDOM", "status"));
        assertThat(reply.get("response_type").asText()).isEqualTo("in_channel");
        assertThat(reply.get("text").asText()).contains("slack:guest asked to show the platform's status");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(issued()).anySatisfy(c -> {
            assertThat(c.command()).isEqualTo("status.show");
            assertThat(c.target()).isEqualTo("platform");
            assertThat(c.issuedBy()).isEqualTo("slack:guest");
        }));
        HttpClientResponseException unsigned = catchThrowableOfType(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(post("/webhooks/slack/commands", form("U-GUEST", "guest", "C-RANDOM", "status")), String.class));
        assertThat(unsigned.code()).isEqualTo(401);
    }

    private List<CommandIssued> issued() {
        return commands.events().stream().flatMap(e -> e.dataAs(CommandIssued.class).stream()).toList();
    }

    private void assertNothingIssuedFor(String marker) {
        // a command that is published is on the topic long before an answered one that comes after it
        String probe = "probe-" + UUID.randomUUID();
        slack(form("U-OPS", "ops", "C-1", "account suspend " + accountName + " " + probe));
        await().atMost(PATIENCE).until(() -> issued().stream().anyMatch(c -> probe.equals(c.arguments().get("reason"))));
        assertThat(issued()).noneSatisfy(c -> assertThat(c.target() + c.arguments()).contains(marker));
    }

    private JsonNode slack(String body) {
        String now = Long.toString(Instant.now().getEpochSecond());
        return read(http.toBlocking().exchange(signed(body, now, SlackSignature.sign(SECRET, now, bytes(body))), String.class));
    }

    private JsonNode mattermost(String body) {
        return read(http.toBlocking().exchange(post("/webhooks/mattermost/commands", body), String.class));
    }

    private JsonNode read(HttpResponse<String> response) {
        assertThat(response.code()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpRequest<?> signed(String body, String timestamp, String signature) {
        return post("/webhooks/slack/commands", body).header(SlackSignature.TIMESTAMP, timestamp)
                .header(SlackSignature.SIGNATURE, signature);
    }

    private static io.micronaut.http.MutableHttpRequest<String> post(String path, String body) {
        return HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    private static String form(String userId, String userName, String channelId, String text) {
        return "team_id=T-IT&channel_id=" + channelId + "&channel_name=general&user_id=" + userId + "&user_name=" + userName
                + "&command=%2Fmooring&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8)
                + "&response_url=https%3A%2F%2Fhooks.example%2Fcommands%2F1";
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private void publish(io.mooring.events.MooringEvent event) {
        events.send(EventTopics.envelope("provisioner", event));
    }
}
