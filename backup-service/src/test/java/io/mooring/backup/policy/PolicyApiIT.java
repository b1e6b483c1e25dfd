package io.mooring.backup.policy;

import io.mooring.testing.HostileInputSweep;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import io.mooring.testing.OutboxContract;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.EventTopics;
import io.mooring.testing.TopicReader;
import io.mooring.backup.TestStack;
import io.mooring.events.MooringEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.backups.BackupPolicyDeleted;
import io.mooring.events.backups.BackupPolicyPaused;
import io.mooring.events.backups.BackupPolicyResumed;
import io.mooring.events.backups.BackupPolicyUpdated;
import io.mooring.events.backups.BackupRetention;
import io.mooring.testing.ContractSamples;
import io.mooring.events.backups.BackupTarget;
import io.mooring.runtime.http.Problem;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import io.mooring.runtime.paging.Page;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The /v1/policies API against real Postgres and Kafka. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyApiIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;


    @Inject
    TransactionOperations<Connection> outboxTransactions;

    @AfterAll
    void everyEventWrittenToTheOutboxDecodesThroughTheContract() {
        int checked = outboxTransactions.executeRead(status -> OutboxContract.assertEveryEventDecodes(status.getConnection()));
        assertThat(checked).isPositive();
    }
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String VALID = """
            {"accountId": "%s", "targetKind": "postgres-database", "targetName": "mastodon_production",
             "schedule": "15 2 * * *", "retentionDays": 30}""";
    private static final String FULL = """
            {"accountId": "%s", "targetKind": "bucket", "targetName": "acct-0193-media", "schedule": "0 */4 * * *",
             "timeZone": "Europe/Berlin", "retention": {"keepLast": 3, "keepDaily": 7, "keepWithin": "P14D"},
             "destination": "offsite", "zstdLevel": 9,
             "ageRecipients": ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]}""";
    private static final String PATCH = """
            {"schedule": "0 5 * * *", "timeZone": "Europe/Berlin", "retention": {"keepDaily": 7, "keepWithin": "P7D"},
             "destination": "offsite", "zstdLevel": 5,
             "ageRecipients": ["age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"]}""";

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private EventTopics kafka;
    private TopicReader backups;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestStack.properties(PolicyApiIT.class));
        // a named destination for policies to choose; nothing connects to it here
        properties.put("mooring.backup.destinations.offsite.endpoint", "https://s3.offsite.example.net");
        properties.put("mooring.backup.destinations.offsite.bucket", "mooring-offsite");
        properties.put("mooring.backup.destinations.offsite.access-key", "offsite-access");
        properties.put("mooring.backup.destinations.offsite.secret-key", "offsite-secret");
        return properties;
    }

    @BeforeAll
    void connect() {
        kafka = new EventTopics(TestStack.kafkaBootstrap());
        backups = kafka.reader(Topics.BACKUPS);
    }

    @AfterAll
    void disconnect() {
        backups.close();
        kafka.close();
    }

    @Test
    void createsAPolicyAndAnnouncesIt() throws IOException {
        String accountId = UUID.randomUUID().toString();

        HttpResponse<String> response = send(post(VALID.formatted(accountId), TestStack.OPERATOR_TOKEN));

        assertThat(response.code()).isEqualTo(HttpStatus.CREATED.getCode());
        PolicyView created = json.readValue(response.body(), PolicyView.class);
        assertThat(response.header("Location")).isEqualTo("/v1/policies/" + created.id());
        assertThat(created.targetKind()).isEqualTo("postgres-database");
        assertThat(created.schedule()).isEqualTo("15 2 * * *");
        assertThat(created.retentionDays()).isEqualTo(30);
        assertThat(get("/v1/policies/" + created.id(), PolicyView.class)).isEqualTo(created);
        assertThat(list("/v1/policies?accountId=" + accountId)).containsExactly(created);
        assertThat(list("/v1/policies")).contains(created);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyCreated.class)
                .filter(e -> e.accountId().equals(accountId)))
                .containsExactly(new BackupPolicyCreated(created.id().toString(), accountId,
                        new BackupTarget("postgres-database", "mastodon_production"), "15 2 * * *", 30, "UTC",
                        BackupRetention.withinDays(30), "default", 3, List.of(), "ACTIVE")));
    }

    @Test
    void createsAPolicyWithZoneRetentionRulesDestinationAndRecipients() throws IOException {
        String accountId = UUID.randomUUID().toString();

        PolicyView created = created(FULL.formatted(accountId));

        assertThat(created.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(created.retention()).isEqualTo(new PolicyView.Retention(3, 7, null, null, "P14D"));
        assertThat(created.retentionDays()).isEqualTo(14);
        assertThat(created.destination()).isEqualTo("offsite");
        assertThat(created.zstdLevel()).isEqualTo(9);
        assertThat(created.ageRecipients()).containsExactly(ContractSamples.AGE_RECIPIENT);
        assertThat(created.state()).isEqualTo(BackupPolicy.State.ACTIVE);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyCreated.class)
                .filter(e -> e.accountId().equals(accountId)))
                .containsExactly(new BackupPolicyCreated(created.id().toString(), accountId,
                        new BackupTarget("bucket", "acct-0193-media"), "0 */4 * * *", 14, "Europe/Berlin",
                        new BackupRetention(3, 7, null, null, "P14D"), "offsite", 9,
                        List.of(ContractSamples.AGE_RECIPIENT), "ACTIVE")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown time zone          | timeZone               | \"timeZone\": \"Mars/Olympus_Mons\"",
            "offset is not a zone       | timeZone               | \"timeZone\": \"+02:00\"",
            "recipient is not Bech32    | ageRecipients[0]       | \"ageRecipients\": [\"age1notakey\"]",
            "recipient checksum is off  | ageRecipients[1]       | \"ageRecipients\": [\"AGE\", \"age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8q\"]",
            "recipient is an identity   | ageRecipients[0]       | \"ageRecipients\": [\"AGE-SECRET-KEY-1QQQQ\"]",
            "unknown destination        | destination            | \"destination\": \"tape-robot\"",
            "zstd level above 22        | zstdLevel              | \"zstdLevel\": 23",
            "retention without a rule   | retention              | \"retention\": {}",
            "keepWithin is not ISO      | retention.keepWithin   | \"retention\": {\"keepWithin\": \"14 days\"}",
            "keepWithin is negative     | retention.keepWithin   | \"retention\": {\"keepWithin\": \"-P3D\"}",
            "keepDaily is zero          | retention.keepDaily    | \"retention\": {\"keepDaily\": 0}",
            "both forms of retention    | retention              | \"retentionDays\": 7, \"retention\": {\"keepLast\": 3}",
    })
    void rejectsBadPolicyFieldsNamingThem(String why, String field, String fields) throws IOException {
        String accountId = UUID.randomUUID().toString();
        String body = """
                {"accountId": "%s", "targetKind": "bucket", "targetName": "media", "schedule": "0 3 * * *", %s}"""
                .formatted(accountId, fields.replace("\"AGE\"", "\"" + ContractSamples.AGE_RECIPIENT + "\""));
        if (!fields.contains("retention")) {
            body = body.replace("\"schedule\"", "\"retentionDays\": 7, \"schedule\"");
        }

        Problem problem = badRequest(send(post(body, TestStack.OPERATOR_TOKEN)), why);

        assertThat(problem.errors()).as(why).extracting(Problem.FieldError::field).containsExactly(field);
        assertThat(list("/v1/policies?accountId=" + accountId)).isEmpty();
    }

    @Test
    void patchesAsAJsonMergePatchAndAnnouncesTheWholePolicyOnce() throws IOException {
        String accountId = UUID.randomUUID().toString();
        PolicyView created = created(FULL.formatted(accountId));
        String change = """
                {"schedule": "0 4 * * *", "timeZone": null, "retention": {"keepDaily": null, "keepMonthly": 6},
                 "zstdLevel": null}""";

        HttpResponse<String> patched = send(patch(created.id(), change));
        HttpResponse<String> again = send(patch(created.id(), change));

        assertThat(patched.code()).as(patched.body()).isEqualTo(200);
        PolicyView policy = json.readValue(patched.body(), PolicyView.class);
        assertThat(policy.schedule()).isEqualTo("0 4 * * *");
        assertThat(policy.timeZone()).isEqualTo("UTC");
        assertThat(policy.retention()).isEqualTo(new PolicyView.Retention(3, null, null, 6, "P14D"));
        assertThat(policy.zstdLevel()).isEqualTo(3);
        assertThat(policy.ageRecipients()).isEqualTo(created.ageRecipients());
        assertThat(policy.destination()).isEqualTo(created.destination());
        assertThat(json.readValue(again.body(), PolicyView.class)).isEqualTo(policy);
        assertThat(get("/v1/policies/" + created.id(), PolicyView.class)).isEqualTo(policy);
        // a later event on the same key: once it is there, a second update would be too
        assertThat(send(action(created.id(), "pause")).code()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyPaused.class)
                .filter(e -> e.policyId().equals(created.id().toString()))).hasSize(1));
        assertThat(events(BackupPolicyUpdated.class).filter(e -> e.policyId().equals(created.id().toString())))
                .containsExactly(new BackupPolicyUpdated(created.id().toString(), accountId,
                        new BackupTarget("bucket", "acct-0193-media"), "0 4 * * *", 14, "UTC",
                        new BackupRetention(3, null, null, 6, "P14D"), "offsite", 3,
                        List.of(ContractSamples.AGE_RECIPIENT), "ACTIVE", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "schedule set to null       | schedule             | {\"schedule\": null}",
            "never-firing schedule      | schedule             | {\"schedule\": \"0 0 31 4 *\"}",
            "unknown time zone          | timeZone             | {\"timeZone\": \"Europe/Atlantis\"}",
            "every rule removed         | retention            | {\"retention\": {\"keepLast\": null, \"keepDaily\": null, \"keepWithin\": null}}",
            "retention set to null      | retention            | {\"retention\": null}",
            "unknown destination        | destination          | {\"destination\": \"nas\"}",
            "malformed recipient        | ageRecipients[0]     | {\"ageRecipients\": [\"ssh-ed25519 AAAA\"]}",
            "zstd level zero            | zstdLevel            | {\"zstdLevel\": 0}",
    })
    void refusesABadPatchNamingTheFieldAndChangesNothing(String why, String field, String change) throws IOException {
        PolicyView created = created(FULL.formatted(UUID.randomUUID()));

        Problem problem = badRequest(send(patch(created.id(), change)), why);

        assertThat(problem.errors()).as(why).extracting(Problem.FieldError::field).containsExactly(field);
        assertThat(get("/v1/policies/" + created.id(), PolicyView.class)).isEqualTo(created);
    }

    @Test
    void refusesToPatchWhatIsNotAPolicySetting() throws IOException {
        PolicyView created = created(FULL.formatted(UUID.randomUUID()));

        Problem account = badRequest(send(patch(created.id(), "{\"accountId\": \"someone-else\"}")), "accountId");
        Problem state = badRequest(send(patch(created.id(), "{\"state\": \"PAUSED\"}")), "state");
        HttpResponse<String> missing = send(patch(UUID.randomUUID(), "{\"zstdLevel\": 5}"));

        assertThat(account.detail()).contains("accountId");
        assertThat(state.detail()).contains("state");
        assertThat(missing.code()).isEqualTo(404);
        assertThat(get("/v1/policies/" + created.id(), PolicyView.class)).isEqualTo(created);
    }

    @Test
    void pausesAndResumesIdempotentlyAnnouncingEachChangeOnce() throws IOException {
        PolicyView created = created(FULL.formatted(UUID.randomUUID()));
        String id = created.id().toString();

        HttpResponse<String> paused = send(action(created.id(), "pause"));
        HttpResponse<String> pausedAgain = send(action(created.id(), "pause"));
        PolicyView whilePaused = get("/v1/policies/" + id, PolicyView.class);
        HttpResponse<String> resumed = send(action(created.id(), "resume"));
        HttpResponse<String> resumedAgain = send(action(created.id(), "resume"));

        assertThat(List.of(paused.code(), pausedAgain.code(), resumed.code(), resumedAgain.code())).containsOnly(200);
        assertThat(whilePaused.state()).isEqualTo(BackupPolicy.State.PAUSED);
        assertThat(json.readValue(pausedAgain.body(), PolicyView.class).state()).isEqualTo(BackupPolicy.State.PAUSED);
        assertThat(json.readValue(resumedAgain.body(), PolicyView.class).state()).isEqualTo(BackupPolicy.State.ACTIVE);
        assertThat(send(action(UUID.randomUUID(), "pause")).code()).isEqualTo(404);
        assertThat(send(HttpRequest.POST("/v1/policies/" + id + "/resume", "").bearerAuth(TestStack.READ_TOKEN)).code())
                .isEqualTo(403);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyResumed.class)
                .filter(e -> e.policyId().equals(id))).containsExactly(
                new BackupPolicyResumed(id, created.accountId(), "resumed by an operator")));
        // the events of one policy share a partition: the second pause would be before the resume
        assertThat(events(BackupPolicyPaused.class).filter(e -> e.policyId().equals(id)))
                .containsExactly(new BackupPolicyPaused(id, created.accountId(), "paused by an operator"));
    }

    @Test
    void pagesThroughPoliciesInCreationOrderWithFilters() throws IOException {
        String accountId = UUID.randomUUID().toString();
        PolicyView database = created(VALID.formatted(accountId));
        PolicyView media = created(FULL.formatted(accountId));
        PolicyView avatars = created(FULL.formatted(accountId).replace("acct-0193-media", "acct-0193-avatars"));
        send(action(avatars.id(), "pause"));

        Page<PolicyView> first = page("/v1/policies?accountId=" + accountId + "&limit=2");
        String lastRaw = http.toBlocking().retrieve(HttpRequest.GET("/v1/policies?accountId=" + accountId
                + "&limit=2&cursor=" + first.nextCursor()).bearerAuth(TestStack.READ_TOKEN), String.class);
        Page<PolicyView> last = page("/v1/policies?accountId=" + accountId + "&limit=2&cursor=" + first.nextCursor());

        assertThat(first.items()).extracting(PolicyView::id).containsExactly(database.id(), media.id());
        assertThat(first.nextCursor()).isNotBlank();
        assertThat(last.items()).extracting(PolicyView::id).containsExactly(avatars.id());
        assertThat(last.nextCursor()).isNull();
        assertThat(lastRaw).contains("\"nextCursor\":null");
        assertThat(list("/v1/policies?accountId=" + accountId + "&targetKind=bucket")).extracting(PolicyView::id)
                .containsExactly(media.id(), avatars.id());
        assertThat(list("/v1/policies?accountId=" + accountId + "&state=PAUSED")).extracting(PolicyView::id)
                .containsExactly(avatars.id());
        assertThat(list("/v1/policies?accountId=" + accountId + "&targetKind=bucket&state=ACTIVE"))
                .extracting(PolicyView::id).containsExactly(media.id());
        assertThat(badRequest(send(HttpRequest.GET("/v1/policies?cursor=bm90LWEtY3Vyc29y").bearerAuth(TestStack.READ_TOKEN)),
                "bad cursor").errors()).extracting(Problem.FieldError::field).containsExactly("cursor");
        assertThat(badRequest(send(HttpRequest.GET("/v1/policies?state=RUNNING").bearerAuth(TestStack.READ_TOKEN)),
                "bad state").detail()).contains("state");
        assertThat(badRequest(send(HttpRequest.GET("/v1/policies?targetKind=site").bearerAuth(TestStack.READ_TOKEN)),
                "bad kind").detail()).contains("targetKind");
    }

    @Test
    void refusesASecondPolicyForTheSameTarget() throws IOException {
        String accountId = UUID.randomUUID().toString();
        assertThat(send(post(VALID.formatted(accountId), TestStack.OPERATOR_TOKEN)).code()).isEqualTo(HttpStatus.CREATED.getCode());

        HttpResponse<String> again = send(post(VALID.formatted(accountId), TestStack.OPERATOR_TOKEN));

        assertThat(again.code()).isEqualTo(HttpStatus.CONFLICT.getCode());
        assertThat(problem(again).type()).isEqualTo("urn:mooring:problem:policy-exists");
        assertThat(list("/v1/policies?accountId=" + accountId)).hasSize(1);
    }

    @Test
    void deletesAPolicyAndAnnouncesIt() throws IOException {
        String accountId = UUID.randomUUID().toString();
        PolicyView created = json.readValue(send(post(VALID.formatted(accountId), TestStack.OPERATOR_TOKEN)).body(),
                PolicyView.class);

        HttpResponse<String> deleted = send(HttpRequest.DELETE("/v1/policies/" + created.id())
                .bearerAuth(TestStack.OPERATOR_TOKEN));

        assertThat(deleted.code()).isEqualTo(HttpStatus.NO_CONTENT.getCode());
        assertThat(list("/v1/policies?accountId=" + accountId)).isEmpty();
        HttpResponse<String> missing = send(HttpRequest.GET("/v1/policies/" + created.id()).bearerAuth(TestStack.READ_TOKEN));
        assertThat(missing.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(problem(missing).type()).isEqualTo("urn:mooring:problem:not-found");
        assertThat(send(HttpRequest.DELETE("/v1/policies/" + created.id()).bearerAuth(TestStack.OPERATOR_TOKEN)).code())
                .isEqualTo(HttpStatus.NOT_FOUND.getCode());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyDeleted.class)
                .filter(e -> e.accountId().equals(accountId)))
                .containsExactly(new BackupPolicyDeleted(created.id().toString(), accountId)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "schedule is not cron     | schedule      | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"61 3 * * *\", \"retentionDays\": 7}",
            "schedule has four fields | schedule      | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"0 3 * *\", \"retentionDays\": 7}",
            "schedule is missing      | schedule      | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"retentionDays\": 7}",
            "target kind is unknown   | targetKind    | {\"accountId\": \"a\", \"targetKind\": \"mailbox\", \"targetName\": \"media\", \"schedule\": \"0 3 * * *\", \"retentionDays\": 7}",
            "retention is zero days   | retentionDays | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"0 3 * * *\", \"retentionDays\": 0}",
            "retention is missing     | retention     | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"0 3 * * *\"}",
            "account is blank         | accountId     | {\"accountId\": \" \", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"0 3 * * *\", \"retentionDays\": 7}",
    })
    void rejectsABadFieldNamingIt(String why, String field, String body) throws IOException {
        HttpResponse<String> response = send(post(body, TestStack.OPERATOR_TOKEN));

        Problem problem = badRequest(response, why);
        assertThat(problem.errors()).as(why).extracting(Problem.FieldError::field).containsExactly(field);
        assertThat(list("/v1/policies?accountId=a")).isEmpty();
    }

    @Test
    void rejectsUnknownFieldsAndBrokenJson() throws IOException {
        String unknownField = """
                {"accountId": "a", "targetKind": "bucket", "targetName": "media", "schedule": "0 3 * * *",
                 "retentionDays": 7, "colour": "red"}""";

        Problem unknown = badRequest(send(post(unknownField, TestStack.OPERATOR_TOKEN)), "unknown field");
        Problem broken = badRequest(send(post("{\"accountId\": ", TestStack.OPERATOR_TOKEN)), "broken JSON");

        assertThat(unknown.detail()).contains("colour");
        assertThat(broken.type()).isEqualTo("urn:mooring:problem:validation");
        assertThat(list("/v1/policies?accountId=a")).isEmpty();
    }

    @Test
    void explainsWhatIsWrongWithASchedule() throws IOException {
        String body = """
                {"accountId": "a", "targetKind": "bucket", "targetName": "media", "schedule": "0 0 30 2 *",
                 "retentionDays": 0}""";

        Problem problem = badRequest(send(post(body, TestStack.OPERATOR_TOKEN)), "bad schedule and retention");

        assertThat(problem.type()).isEqualTo("urn:mooring:problem:validation");
        assertThat(problem.errors()).containsExactly(
                new Problem.FieldError("retentionDays", "must be greater than or equal to 1"),
                new Problem.FieldError("schedule", "day-of-month never occurs in the chosen months, so '0 0 30 2 *' would never run"));
    }

    @Test
    void needsATokenAndAnOperatorToChangeAnything() throws IOException {
        String body = VALID.formatted(UUID.randomUUID());

        HttpResponse<String> anonymous = send(HttpRequest.POST("/v1/policies", body).contentType(MediaType.APPLICATION_JSON));
        HttpResponse<String> wrongToken = send(post(body, "not-a-token"));
        HttpResponse<String> reader = send(post(body, TestStack.READ_TOKEN));
        HttpResponse<String> readerDeletes = send(HttpRequest.DELETE("/v1/policies/" + UUID.randomUUID())
                .bearerAuth(TestStack.READ_TOKEN));
        HttpResponse<String> anonymousList = send(HttpRequest.GET("/v1/policies"));

        assertThat(anonymous.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(wrongToken.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(anonymousList.code()).isEqualTo(HttpStatus.UNAUTHORIZED.getCode());
        assertThat(reader.code()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(readerDeletes.code()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
        assertThat(problem(reader).type()).isEqualTo("urn:mooring:problem:forbidden");
    }

    @Test
    void answersUnknownAndMalformedIds() throws IOException {
        HttpResponse<String> unknown = send(HttpRequest.GET("/v1/policies/" + UUID.randomUUID()).bearerAuth(TestStack.READ_TOKEN));
        HttpResponse<String> malformed = send(HttpRequest.GET("/v1/policies/not-a-uuid").bearerAuth(TestStack.READ_TOKEN));

        assertThat(unknown.code()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(malformed.code()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(problem(malformed).detail() + " " + problem(malformed).errors()).contains("id");
    }

    @Test
    void replaysACreateWithTheSameIdempotencyKeyAndRefusesTheKeyForAnotherBody() {
        String key = "policy-" + UUID.randomUUID();
        String body = VALID.formatted(UUID.randomUUID());

        HttpResponse<String> first = send(post(body, TestStack.OPERATOR_TOKEN).header("Idempotency-Key", key));
        HttpResponse<String> again = send(post(body, TestStack.OPERATOR_TOKEN).header("Idempotency-Key", key));
        HttpResponse<String> other = send(post(VALID.formatted(UUID.randomUUID()), TestStack.OPERATOR_TOKEN)
                .header("Idempotency-Key", key));

        assertThat(first.code()).as(first.body()).isEqualTo(201);
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.getHeaders().get("Location")).isEqualTo(first.getHeaders().get("Location"));
        assertThat(again.getHeaders().get("Idempotent-Replayed")).isEqualTo("true");
        assertThat(other.code()).isEqualTo(422);
        assertThat(other.body()).contains("urn:mooring:problem:idempotency-key-reused");
    }

    @Test
    void servesItsOpenApiDocumentAtOneStableUrlWithoutAToken() {
        HttpResponse<String> document = http.toBlocking().exchange(HttpRequest.GET("/openapi"), String.class);

        assertThat(document.code()).isEqualTo(200);
        assertThat(document.body()).startsWith("openapi:").contains("/v1/policies").contains("securitySchemes");
    }

    private PolicyView created(String body) throws IOException {
        HttpResponse<String> response = send(post(body, TestStack.OPERATOR_TOKEN));
        assertThat(response.code()).as(response.body()).isEqualTo(201);
        return json.readValue(response.body(), PolicyView.class);
    }

    private static MutableHttpRequest<String> patch(UUID id, String body) {
        return HttpRequest.PATCH("/v1/policies/" + id, body).contentType("application/merge-patch+json")
                .bearerAuth(TestStack.OPERATOR_TOKEN);
    }

    private static MutableHttpRequest<String> action(UUID id, String action) {
        return HttpRequest.POST("/v1/policies/" + id + "/" + action, "").bearerAuth(TestStack.OPERATOR_TOKEN);
    }

    private static MutableHttpRequest<String> post(String body, String token) {
        return HttpRequest.POST("/v1/policies", body).contentType(MediaType.APPLICATION_JSON).bearerAuth(token);
    }

    /** The response whatever its status, body as text. */
    private HttpResponse<String> send(HttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            var response = e.getResponse();
            return HttpResponse.<String>status(response.status())
                    .headers(headers -> response.getHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v))))
                    .body(response.getBody(String.class).orElse(""));
        }
    }

    private Problem badRequest(HttpResponse<String> response, String why) throws IOException {
        assertThat(response.code()).as(why).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(response.getContentType()).map(MediaType::toString).contains(Problem.MEDIA_TYPE);
        Problem problem = problem(response);
        assertThat(problem.status()).isEqualTo(400);
        return problem;
    }

    private Problem problem(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Problem.class);
    }

    private <T> T get(String path, Class<T> type) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TestStack.READ_TOKEN), type);
    }

    private List<PolicyView> list(String path) {
        return page(path).items();
    }

    @SuppressWarnings("unchecked")
    private Page<PolicyView> page(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TestStack.READ_TOKEN),
                (Argument<Page<PolicyView>>) (Argument<?>) Argument.of(Page.class, PolicyView.class));
    }

    /** Every event of {@code type} published to mooring.backups so far. */
    private <T extends MooringEvent> Stream<T> events(Class<T> type) {
        return backups.records().stream().map(kafka.codec()::decode).flatMap(e -> e.dataAs(type).stream());
    }

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() throws IOException {
        PolicyView target = created(VALID.formatted(UUID.randomUUID()));
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .get("/v1/policies", "accountId")
                .get("/v1/policies/{id}")
                .get("/v1/policies", "accountId", "targetKind", "state", "limit", "cursor")
                .send("POST", "/v1/policies", FULL.formatted(UUID.randomUUID()))
                .send("PATCH", "/v1/policies/" + target.id(), PATCH)
                .send("POST", "/v1/policies/{id}/pause", "{}")
                .send("POST", "/v1/policies/{id}/resume", "{}")
                .run();
    }
}
