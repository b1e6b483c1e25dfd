package io.mooring.backup.artifact;

import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A Postgres artifact back into a named database: download → age → zstd → {@code pg_restore}, streamed,
 * in one transaction. A missing database is created; an existing empty one is used; a non-empty one
 * is refused unless {@code overwrite}, which drops and recreates it. Objects are restored without
 * their owners and grants ({@code --no-owner --no-privileges}): they belong to the backup role.
 */
@Singleton
public class PostgresArtifactRestorer implements ArtifactRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresArtifactRestorer.class);
    private final PostgresSource source;
    private final Artifacts artifacts;

    PostgresArtifactRestorer(PostgresSource source, Artifacts artifacts) {
        this.source = source;
        this.artifacts = artifacts;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.POSTGRES_DATABASE;
    }

    @Override
    public void restore(RestoreRequest request, Progress progress) throws Exception {
        String database = request.targetName();
        boolean created = prepare(database, request.overwrite());
        boolean done = false;
        try (InputStream plaintext = artifacts.download(request.destination(), request.key());
             ToolProcess restore = ToolProcess.start(List.of(artifacts.settings().getPgRestore(), "--no-password",
                     "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                     "--dbname=" + connectionString(database)), source.libpqEnvironment(database))) {
            Pipes.interruptibly(() -> {
                try (OutputStream in = restore.stdin()) {
                    return Pipes.copy(plaintext, in, progress);
                }
            }, restore::close);
            int exit = restore.waitFor();
            if (exit != 0) {
                throw restore.failed(exit);
            }
            done = true;
            LOG.info("artifact {} restored into database {}", request.key(), database);
        } finally {
            if (!done && created) {
                drop(database);
            }
        }
    }

    /** Makes an empty target; true when it was created here (and so is dropped again on failure). */
    private boolean prepare(String database, boolean overwrite) throws SQLException {
        try (Connection c = source.connectMaintenance()) {
            if (exists(c, database)) {
                if (isEmpty(database)) {
                    return false;
                }
                if (!overwrite) {
                    throw new RestoreRefused("database " + database + " exists and is not empty; "
                            + "restore into a new database or confirm overwriting it");
                }
                execute(c, "DROP DATABASE " + PostgresSource.quote(database) + " WITH (FORCE)");
            }
            execute(c, "CREATE DATABASE " + PostgresSource.quote(database));
            return true;
        }
    }

    private boolean isEmpty(String database) throws SQLException {
        try (Connection c = source.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("""
                     SELECT count(*) FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'""")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    private void drop(String database) {
        try (Connection c = source.connectMaintenance()) {
            execute(c, "DROP DATABASE IF EXISTS " + PostgresSource.quote(database) + " WITH (FORCE)");
        } catch (SQLException e) {
            LOG.warn("could not drop database {} after a failed restore: {}", database, e.toString());
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** A libpq connection string naming only the database, so that no database name is read as options. */
    private static String connectionString(String database) {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
