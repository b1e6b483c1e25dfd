package io.mooring.backup.run;

import io.mooring.backup.artifact.ArtifactTestStack;
import io.mooring.backup.source.PostgresSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** Tenant databases with data for run tests, made on the stack's tenant cluster as the provisioner makes them. */
final class TenantData {
    private TenantData() {
    }

    /** A small database: two related tables, a schema of its own, an empty table. */
    static void small(String database) throws SQLException {
        ArtifactTestStack.createTenantDatabase(database);
        try (Connection c = ArtifactTestStack.tenantAdmin(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, created timestamptz)");
            st.execute("CREATE TABLE statuses (id bigserial PRIMARY KEY, account_id bigint REFERENCES accounts, body text)");
            st.execute("CREATE SCHEMA media");
            st.execute("CREATE TABLE media.attachments (id int PRIMARY KEY, url text)");
            st.execute("INSERT INTO accounts SELECT g, 'user ' || g, now() FROM generate_series(1, 300) g");
            st.execute("INSERT INTO statuses (account_id, body) SELECT 1 + g % 300, md5(g::text) FROM generate_series(1, 900) g");
        }
    }

    /**
     * A database whose artifact is several upload parts (about 12 MiB of random hex, about 6 MiB stored), so that a
     * bandwidth cap keeps its runs in progress for seconds.
     */
    static void slow(String database) throws SQLException {
        ArtifactTestStack.createTenantDatabase(database);
        try (Connection c = ArtifactTestStack.tenantAdmin(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE blobs (id int PRIMARY KEY, body text)");
            st.execute("INSERT INTO blobs SELECT g, (SELECT string_agg(md5(random()::text || g || i), '') "
                    + "FROM generate_series(1, 32) i) FROM generate_series(1, 12000) g");
            st.execute("CREATE TABLE owners (id int PRIMARY KEY)");
            st.execute("INSERT INTO owners SELECT generate_series(1, 77)");
        }
    }

    /** Exact row counts per table, read as a superuser. */
    static Map<String, Long> rowCounts(String database) throws SQLException {
        try (Connection c = ArtifactTestStack.tenantAdmin(database)) {
            return new TreeMap<>(PostgresSource.rowCounts(c));
        }
    }

    static void drop(String database) throws SQLException {
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        }
    }

    /** Ends the sessions of the artifact writer's {@code pg_dump}, busy or between queries; how many there were. */
    static int terminateDump() throws SQLException {
        try (Connection c = ArtifactTestStack.tenantAdmin("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE application_name = '" + io.mooring.backup.artifact.PostgresArtifactWriter.DUMP_APPLICATION
                     + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
