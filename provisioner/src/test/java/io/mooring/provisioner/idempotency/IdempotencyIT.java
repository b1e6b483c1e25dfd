package io.mooring.provisioner.idempotency;

import io.micronaut.http.HttpRequest;
import io.mooring.runtime.idempotency.IdempotencyKeys;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.provisioner.account.CreateAccount;
import io.mooring.testing.ApiClient;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotencyIT implements TestPropertyProvider {
    private static final String TOKEN = "idempotency-it-operator";
    private static final String OTHER_TOKEN = "idempotency-it-other-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    IdempotencyKeys keys;

    @Inject
    IdempotentRequests requests;

    ApiClient api;
    Fixtures fixtures;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = ProvisionerProperties.with(TOKEN);
        properties.put("mooring.auth.operator-tokens", TOKEN + "," + OTHER_TOKEN);
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ApiClient(client, TOKEN);
        fixtures = new Fixtures(api);
    }

    @Test
    void aRetriedCreateReturnsTheSameOperationInsteadOfASecondAccount() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        Map<String, Object> body = account(unique("retry"), datacenter);
        String key = UUID.randomUUID().toString();

        ApiClient.Reply first = create(body, key);
        ApiClient.Reply retry = create(body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
        assertThat(namesInDatacenter(datacenter)).containsExactly(body.get("name"));
    }

    @Test
    void theSameKeyForAnotherRequestIs422() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        String key = UUID.randomUUID().toString();
        assertThat(create(account(unique("one"), datacenter), key).status()).isEqualTo(202);

        ApiClient.Reply other = create(account(unique("two"), datacenter), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problem()).isEqualTo("idempotency-key-reused");
        assertThat(namesInDatacenter(datacenter)).hasSize(1);
    }

    @Test
    void keysBelongToTheirToken() {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 65536);
        Map<String, Object> body = account(unique("mine"), datacenter);
        String key = UUID.randomUUID().toString();
        assertThat(create(body, key).status()).isEqualTo(202);

        // another token's identical key is another key: the request runs, and finds the name taken
        ApiClient.Reply theirs = api.as(OTHER_TOKEN).send(HttpRequest.POST("/v1/accounts", body).header(IdempotentRequests.HEADER, key));

        assertThat(theirs.status()).isEqualTo(409);
        assertThat(theirs.problem()).isEqualTo("account-exists");
    }

    @Test
    void aFailedRequestGivesItsKeyUpSoTheRetryRunsAgain() {
        String datacenter = unique("dc");
        Map<String, Object> body = account(unique("later"), datacenter);
        String key = UUID.randomUUID().toString();

        ApiClient.Reply noHost = create(body, key);
        assertThat(noHost.status()).isEqualTo(409);
        assertThat(noHost.problem()).isEqualTo("no-capacity");

        fixtures.host(datacenter, 8192);
        ApiClient.Reply retry = create(body, key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        assertThat(retry.header(IdempotentRequests.REPLAYED_HEADER)).isNull();
    }

    @Test
    void aRetryWhileTheFirstRequestRunsIs409() throws Exception {
        String datacenter = unique("dc");
        fixtures.host(datacenter, 8192);
        String name = unique("slow");
        String key = UUID.randomUUID().toString();
        // what the server holds while the first request with this key is still running
        String fingerprint = requests.fingerprint(HttpRequest.POST("/v1/accounts", ""),
                new CreateAccount(name, "small", "ops@example.org", new CreateAccount.Constraints(datacenter, Map.of())));
        String redisKey = IdempotentRequests.redisKey(tokenId(TOKEN), key);
        IdempotencyKeys.Claim claim = keys.claim(redisKey, fingerprint, "first-request");
        assertThat(claim).isInstanceOf(IdempotencyKeys.Claim.Claimed.class);

        ApiClient.Reply concurrent = create(account(name, datacenter), key);
        assertThat(concurrent.status()).as(concurrent.toString()).isEqualTo(409);
        assertThat(concurrent.problem()).isEqualTo("request-in-progress");
        assertThat(namesInDatacenter(datacenter)).isEmpty();

        keys.release(redisKey, ((IdempotencyKeys.Claim.Claimed) claim).value());
        assertThat(create(account(name, datacenter), key).status()).isEqualTo(202);
    }

    @Test
    void hostsAndPlansTakeKeysToo() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> host = Map.of("name", unique("h"), "datacenter", unique("dc"), "cpuCores", 4, "memoryMb", 4096, "diskGb", 50);
        ApiClient.Reply first = api.send(HttpRequest.POST("/v1/hosts", host).header(IdempotentRequests.HEADER, key));
        ApiClient.Reply retry = api.send(HttpRequest.POST("/v1/hosts", host).header(IdempotentRequests.HEADER, key));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());

        // the key is bound to the path as well: the same key on another endpoint is another request
        Map<String, Object> plan = Map.of("name", unique("p"), "cpuWeight", 100, "memoryHighMb", 256, "memoryMaxMb", 512,
                "diskQuotaGb", 5, "tasksMax", 128, "maxDatabases", 1, "maxRedis", 1, "maxBuckets", 1, "maxSites", 1);
        ApiClient.Reply planWithSameKey = api.send(HttpRequest.POST("/v1/plans", plan).header(IdempotentRequests.HEADER, key));
        assertThat(planWithSameKey.status()).isEqualTo(422);
    }

    @Test
    void rejectsAMalformedKey() {
        ApiClient.Reply reply = create(account(unique("k"), unique("dc")), "has spaces in it");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).contains(IdempotentRequests.HEADER);
    }

    private ApiClient.Reply create(Map<String, Object> body, String key) {
        return api.send(HttpRequest.POST("/v1/accounts", body).header(IdempotentRequests.HEADER, key));
    }

    private List<Object> namesInDatacenter(String datacenter) {
        List<Object> names = new ArrayList<>();
        for (Map<String, Object> account : api.get("/v1/accounts?limit=200").items()) {
            if (account.get("placement") instanceof Map<?, ?> placement && datacenter.equals(placement.get("datacenter"))) {
                names.add(account.get("name"));
            }
        }
        return names;
    }

    private static Map<String, Object> account(String name, String datacenter) {
        return Map.of("name", name, "plan", "small", "ownerEmail", "ops@example.org", "placement", Map.of("datacenter", datacenter));
    }

    /** The fingerprint the bearer-token filter gives a token: the first 16 hex digits of its SHA-256. */
    private static String tokenId(String token) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, 16);
    }
}
