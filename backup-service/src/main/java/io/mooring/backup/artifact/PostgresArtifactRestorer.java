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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Postgres artifact back into a named database: download → age → zstd → {@code pg_restore}, streamed,
 * in one transaction. A missing database is created; an existing empty one is used; a non-empty one
 * is refused unless {@code overwrite}, which drops and recreates it with the same owner and database
 * grants. Objects are restored without the dump's owners and grants ({@code --no-owner --no-privileges}),
 * as the database's owner ({@code pg_restore --role}): a tenant's database comes back owned by the tenant's
 * role, which the backup role must be a member of (the provisioner grants it); a new database belongs
 * to the backup role.
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
        Target target = prepare(database, request.overwrite());
        boolean done = false;
        List<String> command = new ArrayList<>(List.of(artifacts.settings().getPgRestore(), "--no-password",
                "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                "--dbname=" + connectionString(database)));
        target.owner().ifPresent(owner -> command.add("--role=" + owner));
        try (InputStream plaintext = artifacts.download(request.destination(), request.key());
             ToolProcess restore = ToolProcess.start(command, source.libpqEnvironment(database))) {
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
            if (!done && target.created()) {
                drop(database);
            }
        }
    }

    /**
     * The empty database restored into: {@code created} here (and so dropped again on failure); objects are made as
     * {@code owner} when the database belongs to a role other than the backup role.
     */
    private record Target(boolean created, Optional<String> owner) {
    }

    /** A database grant: {@code grantee} null for PUBLIC. */
    private record Grant(String grantee, String privilege) {
    }

    /** Makes an empty target, keeping an existing database's owner and grants. */
    private Target prepare(String database, boolean overwrite) throws SQLException {
        try (Connection c = source.connectMaintenance()) {
            if (!exists(c, database)) {
                execute(c, "CREATE DATABASE " + PostgresSource.quote(database));
                return new Target(true, Optional.empty());
            }
            Optional<String> owner = foreignOwner(c, database);
            boolean empty = isEmpty(database);
            if (!empty && !overwrite) {
                throw new RestoreRefused("database " + database + " exists and is not empty; "
                        + "restore into a new database or confirm overwriting it");
            }
            if (empty) {
                return new Target(false, owner);
            }
            Optional<List<Grant>> grants = grants(c, database);
            execute(c, "DROP DATABASE " + PostgresSource.quote(database) + " WITH (FORCE)");
            execute(c, "CREATE DATABASE " + PostgresSource.quote(database)
                    + owner.map(o -> " OWNER " + PostgresSource.quote(o)).orElse(""));
            if (grants.isPresent()) {
                execute(c, "REVOKE ALL ON DATABASE " + PostgresSource.quote(database) + " FROM PUBLIC");
            }
            for (Grant grant : grants.orElse(List.of())) {
                execute(c, "GRANT " + grant.privilege() + " ON DATABASE " + PostgresSource.quote(database) + " TO "
                        + (grant.grantee() == null ? "PUBLIC" : PostgresSource.quote(grant.grantee())));
            }
            LOG.info("database {} dropped and created again{} for a restore", database,
                    owner.map(o -> " owned by " + o).orElse(""));
            return new Target(true, owner);
        }
    }

    /**
     * The database's owner when it is not the backup role; refused when the backup role cannot act as that owner
     * (drop the database, create it for the owner, and restore objects the owner will own). {@code c} is the backup
     * role's; empty for a database that does not exist.
     */
    public static Optional<String> foreignOwner(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.rolname, r.rolname = current_user, pg_has_role(current_user, r.oid, 'MEMBER')
                FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE d.datname = ?""")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(2)) {
                    return Optional.empty();
                }
                if (!rs.getBoolean(3)) {
                    throw new RestoreRefused("database " + database + " belongs to role " + rs.getString(1)
                            + ", which the backup role is not a member of: grant it (GRANT " + rs.getString(1)
                            + " TO <backup role>, as the provisioner does for tenant roles) or restore into a new database");
                }
                return Optional.of(rs.getString(1));
            }
        }
    }

    /** The database's grants, its owner's included; empty when it has the default ones. */
    private static Optional<List<Grant>> grants(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT datacl IS NULL FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, a.privilege_type
                FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = ?
                ORDER BY a.grantee, a.privilege_type""")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                List<Grant> grants = new ArrayList<>();
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2)));
                }
                return Optional.of(grants);
            }
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
