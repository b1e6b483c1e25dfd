package io.mooring.backup.artifact;

import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import io.mooring.backup.TestStack;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import io.mooring.testing.S3Clients;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings for tests that write and restore artifacts: the service's own stores, the tenant Postgres
 * (as the stack's backup role), Redis (as its backup user), S3, and an age key pair made for this JVM.
 */
public final class ArtifactTestStack {
    /** The bucket of the {@code default} destination in tests. */
    public static final String BUCKET = "mooring-backups";
    private static Path identityFile;
    private static String recipient;

    private ArtifactTestStack() {
    }

    public static Map<String, String> properties(Class<?> testClass) {
        Map<String, String> properties = new HashMap<>(TestStack.properties(testClass));
        properties.putAll(Servers.properties(ServerKind.TENANT_POSTGRES, ServerKind.REDIS, ServerKind.S3));
        properties.put("mooring.backup.age.recipients", recipient());
        properties.put("mooring.backup.age.identity-file", identityFile().toString());
        properties.put("mooring.backup.bucket", BUCKET);
        createBucket(BUCKET);
        return properties;
    }

    /** The age recipient of this JVM's key pair. */
    public static synchronized String recipient() {
        keys();
        return recipient;
    }

    /** The age identity file of this JVM's key pair. */
    public static synchronized Path identityFile() {
        keys();
        return identityFile;
    }

    private static void keys() {
        if (identityFile != null) {
            return;
        }
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            Path file = Files.createTempFile("age-identity", ".txt");
            Files.writeString(file, "# test identity\n" + pair.getPrivate() + "\n");
            file.toFile().deleteOnExit();
            identityFile = file;
            recipient = pair.getPublic().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void createBucket(String bucket) {
        try (S3Client s3 = S3Clients.shared()) {
            s3.createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            // there already
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    /** A superuser connection to {@code database} on the tenant cluster. */
    public static Connection tenantAdmin(String database) throws SQLException {
        TenantPostgresServer tenants = Servers.tenantPostgres();
        return DriverManager.getConnection(tenants.jdbcUrl(database), tenants.user(), tenants.password());
    }

    /** Creates a tenant database as the provisioner does: PUBLIC may not connect, the backup role may. */
    public static void createTenantDatabase(String database) throws SQLException {
        try (Connection c = tenantAdmin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            st.execute("CREATE DATABASE \"" + database + "\"");
            st.execute("REVOKE ALL ON DATABASE \"" + database + "\" FROM PUBLIC");
            st.execute("GRANT CONNECT ON DATABASE \"" + database + "\" TO " + TenantPostgresServer.BACKUP_ROLE);
        }
    }

    /** A database owned by a role the backup role is not a member of, holding a table; returns its name. */
    public static String databaseOfAStranger(String database, String role) throws SQLException {
        try (Connection c = tenantAdmin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS \"" + role + "\"");
            st.execute("CREATE ROLE \"" + role + "\"");
            st.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + role + "\"");
        }
        try (Connection c = tenantAdmin(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (id int)");
        }
        return database;
    }
}
