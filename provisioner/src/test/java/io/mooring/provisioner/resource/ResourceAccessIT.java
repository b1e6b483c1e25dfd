package io.mooring.provisioner.resource;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.testing.RedisClients;
import io.mooring.testing.S3Clients;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.mooring.provisioner.resource.ResourceApi.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Suspension reaches the data, and credentials can be issued again: tenants connect with real
 * clients to the real servers before, during and after.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceAccessIT implements TestPropertyProvider {
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    @Inject
    @Client("/")
    HttpClient client;

    private ResourceApi api;
    private TargetPostgres target;

    @Override
    public Map<String, String> getProperties() {
        target = TargetPostgres.shared();
        return ResourceApi.properties(target.properties(), ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS, ServerKind.S3);
    }

    @BeforeAll
    void api() {
        api = new ResourceApi(client);
    }

    @Test
    void suspensionEndsSessionsAndRefusesLoginsUntilResume() throws Exception {
        String accountId = api.createAccount();
        Map<String, Object> database = credentials(api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "main")));
        Map<String, Object> redis = credentials(api.requestResource(accountId, Map.of("kind", "redis-namespace", "name", "cache")));
        HttpResponse<Map> bucketCreated = api.requestResource(accountId, Map.of("kind", "bucket", "name", "media"));
        assertThat(api.awaitEnd(bucketCreated.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        String bucket = (String) ((Map<?, ?>) api.resource(accountId, (String) bucketCreated.body().get("targetId")).get("spec"))
                .get("bucket");
        try (S3Client s3 = S3Clients.shared()) {
            // S3Proxy's filesystem backend cannot make a bucket public: there is no anonymous access to take away
            S3Exception notImplemented = catchThrowableOfType(S3Exception.class,
                    () -> s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ)));
            assertThat(notImplemented.statusCode()).isEqualTo(501);
            assertThat(publiclyReadable(s3, bucket)).isFalse();
        }
        String prefix = (String) redis.get("keyPrefix");
        RedisClient redisClient = RedisClients.as((String) redis.get("user"), (String) redis.get("password"));
        try (Connection session = login(database);
             StatefulRedisConnection<String, String> redisSession = redisClient.connect()) {
            try (Statement s = session.createStatement()) {
                s.execute("CREATE TABLE notes (body text)");
            }
            assertThat(redisSession.sync().set(prefix + "k", "v")).isEqualTo("OK");

            Map<String, Object> suspended = runAccessChange(accountId, "suspend", Map.of("reason", "unpaid invoice"));
            assertThat(suspended.get("kind")).isEqualTo("account.suspend");
            assertThat(suspended.get("state")).isEqualTo("SUCCEEDED");
            assertThat(steps(suspended)).containsOnlyKeys("postgres-database main", "redis-namespace cache", "bucket media");
            assertThat(steps(suspended).get("postgres-database main")).contains("NOLOGIN", "1 session(s) terminated");
            assertThat(steps(suspended).get("redis-namespace cache")).contains("off", "1 connection(s) killed");
            assertThat(steps(suspended).get("bucket media")).contains("private already");

            assertThatThrownBy(() -> session.createStatement().execute("SELECT 1"))
                    .as("the session open before the suspension is over").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> redisSession.sync().get(prefix + "k"))
                    .as("the Redis connection open before the suspension is closed").isInstanceOf(RedisException.class);
        }
        SQLException refused = catchThrowableOfType(SQLException.class, () -> login(database).close());
        assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("28000");
        assertThatThrownBy(() -> redisClient.connect().close()).isInstanceOf(RedisException.class)
                .hasStackTraceContaining("WRONGPASS");
        try (S3Client s3 = S3Clients.shared()) {
            assertThat(publiclyReadable(s3, bucket)).isFalse();
        }

        Map<String, Object> resumed = runAccessChange(accountId, "resume", null);
        assertThat(resumed.get("kind")).isEqualTo("account.resume");
        assertThat(resumed.get("state")).isEqualTo("SUCCEEDED");
        try (Connection again = login(database); Statement s = again.createStatement()) {
            s.execute("INSERT INTO notes VALUES ('back')");
        }
        try (StatefulRedisConnection<String, String> again = redisClient.connect()) {
            assertThat(again.sync().get(prefix + "k")).isEqualTo("v");
        }
        assertThat(steps(resumed).get("bucket media")).contains("stays private");
        redisClient.shutdown();
    }

    @Test
    void rotatedCredentialsReplaceTheOldPasswordAndAreShownOnce() throws Exception {
        String accountId = api.createAccount();
        HttpResponse<Map> created = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "main"));
        Map<String, Object> old = credentials(created);
        String resourceId = (String) created.body().get("targetId");
        HttpResponse<Map> redisCreated = api.requestResource(accountId, Map.of("kind", "redis-namespace", "name", "cache"));
        Map<String, Object> oldRedis = credentials(redisCreated);

        HttpResponse<Map> rotation = rotate(accountId, resourceId, "rotate-" + ResourceApi.suffix());
        assertThat(rotation.code()).isEqualTo(202);
        assertThat(rotation.body().get("kind")).isEqualTo("resource.rotate-credentials");
        Map<String, Object> rotated = api.awaitEnd(rotation.header("Location"));
        assertThat(rotated.get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> fresh = (Map<String, Object>) rotated.get("result");
        assertThat(fresh.get("user")).isEqualTo(old.get("user"));
        assertThat(fresh.get("password")).isNotEqualTo(old.get("password"));
        assertThat(api.get(rotation.header("Location")).get("result")).as("shown once").isNull();

        SQLException oldRefused = catchThrowableOfType(SQLException.class, () -> login(old).close());
        assertThat(oldRefused.getSQLState()).isEqualTo("28P01");
        try (Connection c = login(fresh)) {
            assertThat(c.isValid(5)).isTrue();
        }

        Map<String, Object> freshRedis = (Map<String, Object>) api.awaitEnd(
                rotate(accountId, (String) redisCreated.body().get("targetId"), null).header("Location")).get("result");
        RedisClient oldClient = RedisClients.as((String) oldRedis.get("user"), (String) oldRedis.get("password"));
        assertThatThrownBy(() -> oldClient.connect().close()).hasStackTraceContaining("WRONGPASS");
        oldClient.shutdown();
        RedisClient newClient = RedisClients.as((String) freshRedis.get("user"), (String) freshRedis.get("password"));
        try (StatefulRedisConnection<String, String> c = newClient.connect()) {
            assertThat(c.sync().set(freshRedis.get("keyPrefix") + "k", "v")).isEqualTo("OK");
        }
        newClient.shutdown();
    }

    @Test
    void rotatingTheCredentialsOfASuspendedAccountKeepsItSuspended() throws Exception {
        String accountId = api.createAccount();
        HttpResponse<Map> created = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "main"));
        credentials(created);
        String resourceId = (String) created.body().get("targetId");
        HttpResponse<Map> redisCreated = api.requestResource(accountId, Map.of("kind", "redis-namespace", "name", "cache"));
        credentials(redisCreated);
        runAccessChange(accountId, "suspend", Map.of("reason", "abuse"));

        String key = "rotate-" + ResourceApi.suffix();
        HttpResponse<Map> rotation = rotate(accountId, resourceId, key);
        HttpResponse<Map> replay = rotate(accountId, resourceId, key);
        assertThat(replay.body().get("id")).as("the same key answers the same operation").isEqualTo(rotation.body().get("id"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        Map<String, Object> fresh = (Map<String, Object>) api.awaitEnd(rotation.header("Location")).get("result");
        Map<String, Object> freshRedis = (Map<String, Object>) api.awaitEnd(
                rotate(accountId, (String) redisCreated.body().get("targetId"), null).header("Location")).get("result");

        assertThat(api.get("/v1/accounts/" + accountId).get("state")).isEqualTo("SUSPENDED");
        SQLException refused = catchThrowableOfType(SQLException.class, () -> login(fresh).close());
        assertThat(refused.getSQLState()).as("the new password works only once resumed").isEqualTo("28000");
        RedisClient redisClient = RedisClients.as((String) freshRedis.get("user"), (String) freshRedis.get("password"));
        assertThatThrownBy(() -> redisClient.connect().close()).hasStackTraceContaining("WRONGPASS");

        runAccessChange(accountId, "resume", null);
        try (Connection c = login(fresh)) {
            assertThat(c.isValid(5)).isTrue();
        }
        try (StatefulRedisConnection<String, String> c = redisClient.connect()) {
            assertThat(c.sync().ping()).isEqualTo("PONG");
        }
        redisClient.shutdown();
    }

    @Test
    void refusesToRotateWhatHasNoCredentials() {
        String accountId = api.createAccount();
        HttpResponse<Map> created = api.requestResource(accountId, Map.of("kind", "bucket", "name", "files"));
        api.awaitEnd(created.header("Location"));
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> rotate(accountId, (String) created.body().get("targetId"), null));
        assertThat(e.getStatus().getCode()).isEqualTo(409);
        assertThat(ResourceApi.body(e)).contains("urn:mooring:problem:no-credentials");
    }

    /** Suspends or resumes; answers the operation that carried it to the data, once it ended. */
    private Map<String, Object> runAccessChange(String accountId, String action, Map<String, ?> body) {
        HttpResponse<Map> response = client.toBlocking().exchange(HttpRequest.POST("/v1/accounts/" + accountId + "/" + action,
                body == null ? Map.of() : body).bearerAuth(OPERATOR), Map.class);
        assertThat(response.code()).isEqualTo(200);
        String location = response.header("Operation-Location");
        assertThat(location).startsWith("/v1/operations/");
        return api.awaitEnd(location);
    }

    private HttpResponse<Map> rotate(String accountId, String resourceId, String idempotencyKey) {
        MutableHttpRequest<?> request = HttpRequest.POST("/v1/accounts/" + accountId + "/resources/" + resourceId
                + "/rotate-credentials", "").bearerAuth(OPERATOR);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return client.toBlocking().exchange(request, Map.class);
    }

    private Map<String, Object> credentials(HttpResponse<Map> accepted) {
        Map<String, Object> operation = api.awaitEnd(accepted.header("Location"));
        assertThat(operation.get("state")).isEqualTo("SUCCEEDED");
        return (Map<String, Object>) operation.get("result");
    }

    private static Map<String, String> steps(Map<String, Object> operation) {
        Map<String, String> details = new HashMap<>();
        for (Map<String, Object> step : (List<Map<String, Object>>) operation.get("steps")) {
            assertThat(step.get("state")).as("step %s", step.get("name")).isEqualTo("DONE");
            details.put((String) step.get("name"), (String) step.get("detail"));
        }
        return details;
    }

    private Connection login(Map<String, Object> credentials) throws SQLException {
        return target.login((String) credentials.get("host"), (String) credentials.get("port"), (String) credentials.get("user"),
                (String) credentials.get("password"), (String) credentials.get("database"));
    }

    private static boolean publiclyReadable(S3Client s3, String bucket) {
        return s3.getBucketAcl(b -> b.bucket(bucket)).grants().stream().anyMatch(grant -> grant.grantee() != null
                && ALL_USERS.equals(grant.grantee().uri()) && grant.permission() == Permission.READ);
    }

}
