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

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    private EventTopics kafka;
    private TopicReader backups;

    @Override
    public Map<String, String> getProperties() {
        return TestStack.properties(PolicyApiIT.class);
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
        BackupPolicy created = json.readValue(response.body(), BackupPolicy.class);
        assertThat(response.header("Location")).isEqualTo("/v1/policies/" + created.id());
        assertThat(created.targetKind()).isEqualTo("postgres-database");
        assertThat(created.schedule()).isEqualTo("15 2 * * *");
        assertThat(created.retentionDays()).isEqualTo(30);
        assertThat(get("/v1/policies/" + created.id(), BackupPolicy.class)).isEqualTo(created);
        assertThat(list("/v1/policies?accountId=" + accountId)).containsExactly(created);
        assertThat(list("/v1/policies")).contains(created);
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(BackupPolicyCreated.class)
                .filter(e -> e.accountId().equals(accountId)))
                .containsExactly(new BackupPolicyCreated(created.id().toString(), accountId,
                        new BackupTarget("postgres-database", "mastodon_production"), "15 2 * * *", 30)));
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
        BackupPolicy created = json.readValue(send(post(VALID.formatted(accountId), TestStack.OPERATOR_TOKEN)).body(),
                BackupPolicy.class);

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
            "retention is missing     | retentionDays | {\"accountId\": \"a\", \"targetKind\": \"bucket\", \"targetName\": \"media\", \"schedule\": \"0 3 * * *\"}",
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

    private List<BackupPolicy> list(String path) {
        return http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(TestStack.READ_TOKEN),
                Argument.listOf(BackupPolicy.class));
    }

    /** Every event of {@code type} published to mooring.backups so far. */
    private <T extends MooringEvent> Stream<T> events(Class<T> type) {
        return backups.records().stream().map(kafka.codec()::decode).flatMap(e -> e.dataAs(type).stream());
    }

    @Test
    void hostileInputOnEveryEndpointIsABadRequestProblemNeverAServerError() {
        HostileInputSweep.against(server.getURI(), TestStack.OPERATOR_TOKEN)
                .get("/v1/policies", "accountId")
                .get("/v1/policies/{id}")
                .send("POST", "/v1/policies", VALID.formatted(UUID.randomUUID()))
                .run();
    }
}
