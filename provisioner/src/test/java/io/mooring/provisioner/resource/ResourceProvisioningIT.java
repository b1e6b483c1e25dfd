package io.mooring.provisioner.resource;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.testing.RedisClients;
import io.mooring.testing.S3Clients;
import io.mooring.testing.TopicReader;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import io.mooring.stack.PostgresServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.mooring.provisioner.resource.ResourceApi.READER;
import static io.mooring.provisioner.resource.ResourceApi.resourceEvents;
import static io.mooring.provisioner.resource.ResourceApi.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** Each kind of resource is really created on its server, usable as promised, and really removed. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceProvisioningIT implements TestPropertyProvider {
    private static final String READY = "mooring.provisioning.resource.ready.v1";
    private static final String REQUESTED = "mooring.provisioning.resource.requested.v1";
    private static final String DELETED = "mooring.provisioning.resource.deleted.v1";
    private static final String MONITOR_ROLE = "mooring_monitor_it";

    @Inject
    @Client("/")
    HttpClient client;

    private ResourceApi api;
    private TargetPostgres target;
    private String serviceDatabase;

    @Override
    public Map<String, String> getProperties() {
        target = TargetPostgres.shared();
        Map<String, String> properties = ResourceApi.properties(target.properties(),
                ServerKind.KAFKA, ServerKind.POSTGRES, ServerKind.REDIS, ServerKind.S3);
        serviceDatabase = properties.get("mooring.pg.database");
        try (Connection admin = target.admin(); Statement st = admin.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + MONITOR_ROLE + "') "
                    + "THEN CREATE ROLE " + MONITOR_ROLE + " LOGIN; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        properties.put("mooring.provisioner.targets.postgres.monitor-role", MONITOR_ROLE);
        return properties;
    }

    @BeforeAll
    void api() {
        api = new ResourceApi(client);
    }

    @Test
    void createsADatabaseOnlyItsRoleCanUseAndShowsTheCredentialsOnce() throws SQLException {
        String accountId = api.createAccount();
        String otherAccountId = api.createAccount();

        HttpResponse<Map> accepted = api.requestResource(accountId, Map.of("kind", "postgres-database", "name", "main"));
        String location = accepted.header("Location");
        String resourceId = (String) accepted.body().get("targetId");

        Map<String, Object> forReader = api.awaitOperation(location, READER, op -> !"RUNNING".equals(op.get("state")));
        assertThat(forReader.get("state")).isEqualTo("SUCCEEDED");
        assertThat(forReader.get("resultAvailable")).isEqualTo(true);
        assertThat(forReader.get("result")).isNull();

        Map<String, Object> first = api.get(location);
        Map<String, Object> credentials = (Map<String, Object>) first.get("result");
        assertThat(credentials).containsKeys("user", "password", "host", "port", "database", "uri");
        assertThat(first.get("resultAvailable")).as("a filled-in result is available").isEqualTo(true);
        assertThat((List<Map<String, Object>>) first.get("steps")).extracting(s -> s.get("state")).containsOnly("DONE");
        Map<String, Object> second = api.get(location);
        assertThat(second.get("result")).isNull();
        assertThat(second.get("resultAvailable")).isEqualTo(false);

        Map<String, Object> resource = api.resource(accountId, resourceId);
        assertThat(resource.get("state")).isEqualTo("READY");
        String role = (String) credentials.get("user");
        assertThat(role).startsWith("acct_").endsWith("_main");
        assertThat(resource.get("endpoint")).isEqualTo("postgres://" + role + "@" + credentials.get("host") + ":"
                + credentials.get("port") + "/" + credentials.get("database"));
        assertThat(resource.toString()).doesNotContain((String) credentials.get("password"));

        try (Connection tenant = login(credentials); Statement s = tenant.createStatement()) {
            s.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
            s.execute("INSERT INTO notes VALUES (1, 'hello')");
            ResultSet rs = s.executeQuery("SELECT body FROM notes");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("hello");
        }
        SQLException wrongPassword = catchThrowableOfType(SQLException.class, () -> target.login(
                (String) credentials.get("host"), (String) credentials.get("port"), role, "not-the-password",
                (String) credentials.get("database")).close());
        assertThat(wrongPassword.getSQLState()).isEqualTo("28P01");
        // the services' databases are on another server, where the tenant role does not exist
        PostgresServer services = Servers.postgres();
        assertThat(String.valueOf(credentials.get("port"))).isNotEqualTo(Integer.toString(services.port()));
        for (String serviceDb : List.of(serviceDatabase, "postgres")) {
            SQLException refused = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(
                    services.jdbcUrl(serviceDb), role, (String) credentials.get("password")).close());
            assertThat((Throwable) refused).as("tenant login to service database %s", serviceDb).isNotNull();
            assertThat(refused.getSQLState()).isEqualTo("28P01");
        }
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement(
                "SELECT rolconnlimit, rolpassword LIKE 'SCRAM-SHA-256$%', rolcreaterole, rolsuper FROM pg_authid WHERE rolname = ?")) {
            ps.setString(1, role);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(10);
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getBoolean(3)).isFalse();
            assertThat(rs.getBoolean(4)).isFalse();
        }
        // the backup service's role may connect (and, as a member of pg_read_all_data, read)
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement(
                "SELECT has_database_privilege(?, ?, 'CONNECT'), has_database_privilege('public', ?, 'CONNECT')")) {
            ps.setString(1, TenantPostgresServer.BACKUP_ROLE);
            ps.setString(2, (String) credentials.get("database"));
            ps.setString(3, (String) credentials.get("database"));
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("backup role may connect").isTrue();
            assertThat(rs.getBoolean(2)).as("public may connect").isFalse();
        }
        // the monitor service's role may connect (for SELECT 1) and read nothing
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement(
                "SELECT has_database_privilege(?, ?, 'CONNECT'), pg_has_role(?, 'pg_read_all_data', 'MEMBER')")) {
            ps.setString(1, MONITOR_ROLE);
            ps.setString(2, (String) credentials.get("database"));
            ps.setString(3, MONITOR_ROLE);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("monitor role may connect").isTrue();
            assertThat(rs.getBoolean(2)).as("monitor role reads all data").isFalse();
        }
        // and restore over the database, as a member of the tenant role
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement(
                "SELECT pg_has_role(?, ?, 'MEMBER'), pg_has_role(?, ?, 'MEMBER')")) {
            ps.setString(1, TenantPostgresServer.BACKUP_ROLE);
            ps.setString(2, role);
            ps.setString(3, role);
            ps.setString(4, TenantPostgresServer.BACKUP_ROLE);
            ResultSet rs = ps.executeQuery();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).as("backup role is a member of the tenant role").isTrue();
            assertThat(rs.getBoolean(2)).as("tenant role is a member of the backup role").isFalse();
        }

        HttpResponse<Map> other = api.requestResource(otherAccountId, Map.of("kind", "postgres-database", "name", "main"));
        Map<String, Object> otherCredentials = (Map<String, Object>) api.awaitEnd(other.header("Location")).get("result");
        SQLException denied = catchThrowableOfType(SQLException.class, () -> target.login(
                (String) credentials.get("host"), (String) credentials.get("port"), role, (String) credentials.get("password"),
                (String) otherCredentials.get("database")).close());
        assertThat(denied.getSQLState()).isEqualTo("42501");
        assertThat(denied.getMessage()).contains("permission denied for database");

        HttpResponse<Map> deleting = api.deleteResource(accountId, resourceId);
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        assertThat(api.resource(accountId, resourceId).get("state")).isEqualTo("DELETED");
        try (Connection admin = target.admin(); PreparedStatement ps = admin.prepareStatement(
                "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = ?) + (SELECT count(*) FROM pg_database WHERE datname = ?)")) {
            ps.setString(1, role);
            ps.setString(2, (String) credentials.get("database"));
            ResultSet rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
        assertThatThrownBy(() -> login(credentials).close()).isInstanceOf(SQLException.class);

        HttpResponse<Map> again = api.deleteResource(accountId, resourceId);
        assertThat(again.body().get("id")).isEqualTo(deleting.body().get("id"));
        assertThat(api.resources(accountId)).extracting(r -> r.get("id")).doesNotContain(resourceId);

        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resourceEvents(reader.events(), accountId, resourceId).size() >= 3);
            assertThat(resourceEvents(reader.events(), accountId, resourceId)).containsExactly(REQUESTED, READY, DELETED);
            ResourceReady ready = reader.events().stream().filter(e -> e.type().equals(READY) && e.subject().equals(accountId))
                    .findFirst().orElseThrow().dataAs(ResourceReady.class).orElseThrow();
            assertThat(ready.kind()).isEqualTo("postgres-database");
            assertThat(ready.endpoint()).isEqualTo(resource.get("endpoint"));
        }
    }

    @Test
    void createsARedisUserConfinedToTheAccountsPrefix() {
        String accountId = api.createAccount();
        HttpResponse<Map> accepted = api.requestResource(accountId, Map.of("kind", "redis-namespace", "name", "cache"));
        String resourceId = (String) accepted.body().get("targetId");
        Map<String, Object> operation = api.awaitEnd(accepted.header("Location"));
        assertThat(operation.get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> credentials = (Map<String, Object>) operation.get("result");
        String user = (String) credentials.get("user");
        String prefix = "acct:" + accountId + ":";
        assertThat(credentials.get("keyPrefix")).isEqualTo(prefix);
        assertThat(api.get(accepted.header("Location")).get("result")).isNull();
        assertThat(api.resource(accountId, resourceId).get("endpoint")).isEqualTo("rediss://" + user + "@"
                + credentials.get("host") + ":" + credentials.get("port"));

        RedisClient wrong = RedisClients.as(user, "not-the-password");
        try {
            assertThatThrownBy(wrong::connect).hasStackTraceContaining("WRONGPASS");
        } finally {
            wrong.shutdown();
        }
        RedisClient anonymous = RedisClients.verified(RedisURI.create(Servers.redis().uri().replaceFirst("//[^@/]*@", "//")));
        try {
            assertThatThrownBy(anonymous::connect).hasStackTraceContaining("NOAUTH");
        } finally {
            anonymous.shutdown();
        }

        RedisClient redis = RedisClients.as(user, (String) credentials.get("password"));
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            RedisCommands<String, String> tenant = connection.sync();
            assertThat(tenant.set(prefix + "x", "1")).isEqualTo("OK");
            assertThat(tenant.incr(prefix + "x")).isEqualTo(2);
            assertThat(tenant.publish(prefix + "events", "hi")).isZero();
            assertNoPermission(() -> tenant.set("other:x", "1"));
            assertNoPermission(() -> tenant.get("acct:someone-else:x"));
            assertNoPermission(() -> tenant.publish("other:events", "hi"));
            assertNoPermission(tenant::flushall);
            assertNoPermission(tenant::flushdb);
            assertNoPermission(() -> tenant.keys("*"));
            assertNoPermission(() -> tenant.configGet("*"));
            assertNoPermission(() -> tenant.scan());
            assertNoPermission(tenant::info);
        } finally {
            redis.shutdown();
        }

        HttpResponse<Map> deleting = api.deleteResource(accountId, resourceId);
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        RedisClient admin = RedisClients.admin();
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            assertThat(connection.sync().aclGetuser(user)).as("ACL GETUSER answers nil").containsExactly((Object) null);
        } finally {
            admin.shutdown();
        }
        RedisClient gone = RedisClients.as(user, (String) credentials.get("password"));
        try {
            assertThatThrownBy(gone::connect).hasStackTraceContaining("WRONGPASS");
        } finally {
            gone.shutdown();
        }
        assertThat(api.deleteResource(accountId, resourceId).body().get("id")).isEqualTo(deleting.body().get("id"));
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resourceEvents(reader.events(), accountId, resourceId).size() >= 3);
            assertThat(resourceEvents(reader.events(), accountId, resourceId)).containsExactly(REQUESTED, READY, DELETED);
        }
    }

    @Test
    void createsABucketAndDeletesItWithItsObjects() {
        String accountId = api.createAccount();
        HttpResponse<Map> accepted = api.requestResource(accountId, Map.of("kind", "bucket", "name", "media"));
        String resourceId = (String) accepted.body().get("targetId");
        Map<String, Object> operation = api.awaitEnd(accepted.header("Location"));
        assertThat(operation.get("state")).isEqualTo("SUCCEEDED");
        assertThat(operation.get("result")).isNull();
        Map<String, Object> resource = api.resource(accountId, resourceId);
        String bucket = (String) ((Map<String, Object>) resource.get("spec")).get("bucket");
        assertThat(bucket).matches("acct-[0-9a-f]{12}-media");
        assertThat(resource.get("endpoint")).isEqualTo(Servers.s3().endpoint() + "/" + bucket);

        try (S3Client s3 = S3Clients.shared()) {
            s3.headBucket(b -> b.bucket(bucket));
            s3.putObject(b -> b.bucket(bucket).key("avatars/1.png"), RequestBody.fromString("png"));

            HttpResponse<Map> deleting = api.deleteResource(accountId, resourceId);
            assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
            assertThatThrownBy(() -> s3.headBucket(b -> b.bucket(bucket))).isInstanceOf(NoSuchBucketException.class);
            assertThat(api.deleteResource(accountId, resourceId).body().get("id")).isEqualTo(deleting.body().get("id"));
        }
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> resourceEvents(reader.events(), accountId, resourceId).size() >= 3);
            assertThat(resourceEvents(reader.events(), accountId, resourceId)).containsExactly(REQUESTED, READY, DELETED);
        }
    }

    @Test
    void makesASiteReadyWithItsDomainAndUpstreamInTheSpec() {
        String accountId = api.createAccount();
        String domain = "shop-" + suffix() + ".example.org";
        HttpResponse<Map> accepted = api.requestResource(accountId, Map.of("kind", "site", "name", "www",
                "domain", domain.toUpperCase(), "upstream", "unix:/run/acct/web.sock"));
        String resourceId = (String) accepted.body().get("targetId");
        assertThat(api.awaitEnd(accepted.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        Map<String, Object> resource = api.resource(accountId, resourceId);
        assertThat(resource.get("state")).isEqualTo("READY");
        assertThat(resource.get("endpoint")).isEqualTo("https://" + domain);
        assertThat((Map<String, Object>) resource.get("spec")).containsEntry("domain", domain).containsEntry("upstream", "unix:/run/acct/web.sock");

        HttpResponse<Map> deleting = api.deleteResource(accountId, resourceId);
        assertThat(api.awaitEnd(deleting.header("Location")).get("state")).isEqualTo("SUCCEEDED");
        // the domain is free again once the site is deleted
        HttpResponse<Map> again = api.requestResource(accountId, Map.of("kind", "site", "name", "www", "domain", domain,
                "upstream", "http://127.0.0.1:3000"));
        assertThat(api.awaitEnd(again.header("Location")).get("state")).isEqualTo("SUCCEEDED");
    }

    private Connection login(Map<String, Object> credentials) throws SQLException {
        return target.login((String) credentials.get("host"), (String) credentials.get("port"), (String) credentials.get("user"),
                (String) credentials.get("password"), (String) credentials.get("database"));
    }

    private static void assertNoPermission(Runnable command) {
        assertThatThrownBy(command::run).isInstanceOf(RedisCommandExecutionException.class).hasMessageStartingWith("NOPERM");
    }

}
