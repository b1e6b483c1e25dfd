package io.mooring.provisioner.resource.driver;

import io.mooring.events.provisioning.ResourceKind;
import jakarta.inject.Singleton;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A database on the target cluster: a login role {@code acct_<short id>_<name>} with a generated
 * password and the plan's connection limit, and a database of the same name that it owns, which
 * {@code PUBLIC} may not connect to. The role carries the comment {@code mooring resource <id>}: it
 * is how a later attempt recognises the role as this resource's, and an existing role without it is a
 * name collision (a permanent failure) that is never adopted or dropped.
 *
 * <p>The password is sent as a SCRAM-SHA-256 verifier computed here, so the plain text never reaches
 * the server, its logs or its statistics.
 */
@Singleton
public class PostgresDatabaseDriver implements ResourceDriver {
    public static final String ROLE = "role";
    public static final String DATABASE = "database";
    public static final String CONNECTION_LIMIT = "connectionLimit";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatabaseDriver.class);

    private final PostgresTarget target;

    public PostgresDatabaseDriver(PostgresTarget target) {
        this.target = target;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.POSTGRES_DATABASE;
    }

    @Override
    public Map<String, String> names(UUID accountId, String name) {
        String role = TenantNames.user(accountId, name);
        return Map.of(ROLE, role, DATABASE, role);
    }

    @Override
    public Provisioned provision(DriverRequest request) {
        String role = request.required(ROLE);
        String database = request.required(DATABASE);
        int connectionLimit = Integer.parseInt(request.spec().getOrDefault(CONNECTION_LIMIT, "10"));
        String password = Passwords.generate();
        try (Connection c = connect()) {
            ensureRole(c, role, connectionLimit, PasswordUtil.encodeScramSha256(password.toCharArray()), marker(request.resourceId()));
            ensureDatabase(c, database, role);
        } catch (SQLException e) {
            throw SqlFailures.classify("creating database " + database + " on " + where(), e);
        }
        LOG.info("resource {}: database {} with role {} ready on {}", request.resourceId(), database, role, where());
        String host = target.publicHost();
        String port = Integer.toString(target.port());
        return new Provisioned("postgres://" + role + "@" + host + ":" + port + "/" + database,
                Map.of("host", host, "port", port), credentials(role, password, database));
    }

    private Credentials credentials(String role, String password, String database) {
        String host = target.publicHost();
        String port = Integer.toString(target.port());
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("user", role);
        credentials.put("password", password);
        credentials.put("host", host);
        credentials.put("port", port);
        credentials.put("database", database);
        credentials.put("uri", "postgres://" + role + ":" + password + "@" + host + ":" + port + "/" + database);
        return new Credentials(credentials);
    }

    @Override
    public boolean hasCredentials() {
        return true;
    }

    /** A new password (as a SCRAM verifier); LOGIN or NOLOGIN stays as it is. Open sessions are not ended. */
    @Override
    public Credentials rotate(DriverRequest request) {
        String role = request.required(ROLE);
        String password = Passwords.generate();
        try (Connection c = connect()) {
            requireOwnRole(c, role, request.resourceId());
            execute(c, "ALTER ROLE " + SqlIdentifiers.identifier(role) + " PASSWORD "
                    + SqlIdentifiers.literal(PasswordUtil.encodeScramSha256(password.toCharArray())));
        } catch (SQLException e) {
            throw SqlFailures.classify("setting a new password for role " + role + " on " + where(), e);
        }
        LOG.info("resource {}: role {} has a new password", request.resourceId(), role);
        return credentials(role, password, request.required(DATABASE));
    }

    /** {@code NOLOGIN}, then every session of the role is terminated. */
    @Override
    public AccessChange suspend(DriverRequest request) {
        String role = request.required(ROLE);
        try (Connection c = connect()) {
            if (!ownRole(c, role, request.resourceId())) {
                return AccessChange.of("no role " + role + " on the server; nothing to block");
            }
            execute(c, "ALTER ROLE " + SqlIdentifiers.identifier(role) + " NOLOGIN");
            int ended = terminateSessions(c, role);
            LOG.info("resource {}: role {} suspended, {} session(s) terminated", request.resourceId(), role, ended);
            return AccessChange.of("role " + role + ": NOLOGIN, " + ended + " session(s) terminated");
        } catch (SQLException e) {
            throw SqlFailures.classify("suspending role " + role + " on " + where(), e);
        }
    }

    @Override
    public AccessChange resume(DriverRequest request) {
        String role = request.required(ROLE);
        try (Connection c = connect()) {
            if (!ownRole(c, role, request.resourceId())) {
                return AccessChange.of("no role " + role + " on the server; nothing to restore");
            }
            execute(c, "ALTER ROLE " + SqlIdentifiers.identifier(role) + " LOGIN");
            LOG.info("resource {}: role {} may log in again", request.resourceId(), role);
            return AccessChange.of("role " + role + ": LOGIN");
        } catch (SQLException e) {
            throw SqlFailures.classify("resuming role " + role + " on " + where(), e);
        }
    }

    private boolean ownRole(Connection c, String role, UUID resourceId) throws SQLException {
        Optional<String> comment = roleComment(c, role);
        if (comment.isPresent() && !comment.get().equals(marker(resourceId))) {
            throw collision("role " + role);
        }
        return comment.isPresent();
    }

    private void requireOwnRole(Connection c, String role, UUID resourceId) throws SQLException {
        if (!ownRole(c, role, resourceId)) {
            throw DriverFailure.permanent("the resource's role is missing on the tenant database server",
                    "role " + role + " does not exist on " + where());
        }
    }

    private static int terminateSessions(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE usename = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /** Creates the role with its marker in one transaction, or resets the password of this resource's role. */
    private void ensureRole(Connection c, String role, int connectionLimit, String verifier, String marker) throws SQLException {
        c.setAutoCommit(false);
        execute(c, "SET LOCAL password_encryption = 'scram-sha-256'");
        Optional<String> comment = roleComment(c, role);
        String options = " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT "
                + connectionLimit + " PASSWORD " + SqlIdentifiers.literal(verifier);
        if (comment.isEmpty()) {
            execute(c, "CREATE ROLE " + SqlIdentifiers.identifier(role) + options);
            execute(c, "COMMENT ON ROLE " + SqlIdentifiers.identifier(role) + " IS " + SqlIdentifiers.literal(marker));
        } else if (comment.get().equals(marker)) {
            execute(c, "ALTER ROLE " + SqlIdentifiers.identifier(role) + options);
        } else {
            throw collision("role " + role);
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /**
     * Creates the database owned by {@code role} unless it exists, and lets only that role (and the
     * backup and monitor roles, when configured) connect; the backup role is made a member of {@code role}, for restores.
     */
    private void ensureDatabase(Connection c, String database, String role) throws SQLException {
        Optional<String> owner = databaseOwner(c, database);
        if (owner.isEmpty()) {
            execute(c, "CREATE DATABASE " + SqlIdentifiers.identifier(database) + " OWNER " + SqlIdentifiers.identifier(role));
        } else if (!owner.get().equals(role)) {
            throw collision("database " + database);
        }
        execute(c, "REVOKE ALL ON DATABASE " + SqlIdentifiers.identifier(database) + " FROM PUBLIC");
        execute(c, "GRANT CONNECT, TEMPORARY ON DATABASE " + SqlIdentifiers.identifier(database) + " TO "
                + SqlIdentifiers.identifier(role));
        if (!target.backupRole().isEmpty()) {
            execute(c, "GRANT CONNECT ON DATABASE " + SqlIdentifiers.identifier(database) + " TO "
                    + SqlIdentifiers.identifier(target.backupRole()));
            // so that a restore over the database can drop it, create it again for the role and make its objects as it
            execute(c, "GRANT " + SqlIdentifiers.identifier(role) + " TO " + SqlIdentifiers.identifier(target.backupRole()));
        }
        if (!target.monitorRole().isEmpty()) {
            execute(c, "GRANT CONNECT ON DATABASE " + SqlIdentifiers.identifier(database) + " TO "
                    + SqlIdentifiers.identifier(target.monitorRole()));
        }
    }

    @Override
    public void deprovision(DriverRequest request) {
        String role = request.required(ROLE);
        String database = request.required(DATABASE);
        try (Connection c = connect()) {
            Optional<String> comment = roleComment(c, role);
            if (comment.isEmpty() || !comment.get().equals(marker(request.resourceId()))) {
                LOG.info("resource {}: no role {} of this resource on {}; nothing to drop", request.resourceId(), role, where());
                return;
            }
            execute(c, "ALTER ROLE " + SqlIdentifiers.identifier(role) + " NOLOGIN");
            terminateSessions(c, role);
            Optional<String> owner = databaseOwner(c, database);
            if (owner.isPresent() && owner.get().equals(role)) {
                execute(c, "DROP DATABASE IF EXISTS " + SqlIdentifiers.identifier(database) + " WITH (FORCE)");
            }
            execute(c, "DROP ROLE IF EXISTS " + SqlIdentifiers.identifier(role));
        } catch (SQLException e) {
            throw SqlFailures.classify("dropping database " + database + " on " + where(), e);
        }
        LOG.info("resource {}: database {} and role {} dropped on {}", request.resourceId(), database, role, where());
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", target.user());
        properties.setProperty("password", target.password());
        properties.setProperty("connectTimeout", Long.toString(Math.max(1, target.connectTimeout().toSeconds())));
        properties.setProperty("loginTimeout", Long.toString(Math.max(1, target.connectTimeout().toSeconds())));
        properties.setProperty("socketTimeout", Long.toString(Math.max(1, target.socketTimeout().toSeconds())));
        properties.setProperty("ApplicationName", "mooring-provisioner");
        target.tlsProperties().forEach(properties::setProperty);
        try {
            return DriverManager.getConnection(target.jdbcUrl(target.database()), properties);
        } catch (SQLException e) {
            if (certificateRefused(e)) {
                throw DriverFailure.permanent("the tenant database server's TLS certificate was not accepted",
                        "connecting to " + where() + " with sslmode=" + target.tlsProperties().get("sslmode") + ": "
                                + e.getMessage() + " (check " + target.tlsSetting() + ".sslrootcert: the CA that signed the "
                                + "server's certificate)", e);
            }
            throw e;
        }
    }

    /** A TLS handshake that failed over the server's certificate: trying again cannot help until the settings change. */
    private static boolean certificateRefused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLHandshakeException || t instanceof GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }

    /** The role's comment ("" when it has none), or empty when there is no such role. */
    private static Optional<String> roleComment(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Optional<String> databaseOwner(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private DriverFailure collision(String what) {
        return DriverFailure.permanent("name already taken on the tenant database server",
                what + " already exists on " + where() + " and was not created for this resource");
    }

    private static String marker(UUID resourceId) {
        return "mooring resource " + resourceId;
    }

    private String where() {
        return target.host() + ":" + target.port();
    }
}
