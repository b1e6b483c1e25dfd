package io.mooring.backup.source;

import io.mooring.runtime.postgres.PostgresTls;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The tenant PostgreSQL cluster as the backup role sees it: JDBC connections, the same settings as
 * libpq environment variables for {@code pg_dump} and {@code pg_restore}, and exact row counts.
 */
@Singleton
public class PostgresSource {
    private final PostgresSourceSettings settings;
    private final Map<String, String> tls;

    public PostgresSource(PostgresSourceSettings settings) {
        this.settings = settings;
        this.tls = new PostgresTls("mooring.backup.sources.postgres", settings.getSslmode(), settings.getSslrootcert())
                .connectionProperties();
    }

    /** A connection to {@code database} as the backup role. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.getUser());
        properties.setProperty("password", settings.getPassword() == null ? "" : settings.getPassword());
        long connect = Math.max(1, settings.getConnectTimeout().toSeconds());
        properties.setProperty("connectTimeout", Long.toString(connect));
        properties.setProperty("loginTimeout", Long.toString(connect));
        properties.setProperty("ApplicationName", "mooring-backup");
        tls.forEach(properties::setProperty);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** A connection to the maintenance database, for creating and dropping databases. */
    public Connection connectMaintenance() throws SQLException {
        return connect(settings.getMaintenanceDatabase());
    }

    /**
     * Exact {@code count(*)} of every ordinary and partitioned table outside the system schemas, keyed
     * {@code schema.table} and sorted, in a snapshot of its own; what a manifest records.
     */
    public Map<String, Long> rowCounts(String database) throws SQLException {
        try (Connection c = connect(database)) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return rowCounts(c);
            } finally {
                c.rollback();
            }
        }
    }

    /** As {@link #rowCounts(String)}, in the transaction (and so the snapshot) {@code c} is in. */
    public static Map<String, Long> rowCounts(Connection c) throws SQLException {
        return rowCounts(c, Map.of());
    }

    /**
     * As {@link #rowCounts(Connection)}, with the rows of the ordinary tables in {@code known} (counted in a dump taken
     * in the same snapshot) taken from it. A partitioned table's rows are those of its partitions; a table is read with
     * {@code count(*)} when it, or one of its partitions, is not in {@code known} (a foreign table, an extension's table
     * whose rows pg_dump leaves out), and when it has inheritance children (whose rows its {@code count(*)} includes).
     */
    public static Map<String, Long> rowCounts(Connection c, Map<TableName, Long> known) throws SQLException {
        Map<TableName, Long> fromKnown = new LinkedHashMap<>();
        Map<TableName, Boolean> complete = new LinkedHashMap<>();
        // the tables holding a table's rows: itself (an ordinary table), or its partitions' leaves (pg_partition_tree
        // gives nothing for an ordinary table that is not a partition)
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname, cl.relname, ln.nspname, l.relname, l.relkind, cl.relkind = 'r' AND cl.relhassubclass
                FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
                LEFT JOIN LATERAL (SELECT t.relid FROM pg_partition_tree(cl.oid) t WHERE t.isleaf AND cl.relkind = 'p'
                                   UNION ALL SELECT cl.oid WHERE cl.relkind = 'r') leaf ON true
                LEFT JOIN pg_class l ON l.oid = leaf.relid LEFT JOIN pg_namespace ln ON ln.oid = l.relnamespace
                WHERE cl.relkind IN ('r', 'p') AND NOT cl.relispartition
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
                ORDER BY n.nspname, cl.relname""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TableName table = new TableName(rs.getString(1), rs.getString(2));
                fromKnown.putIfAbsent(table, 0L);
                complete.putIfAbsent(table, !rs.getBoolean(6));
                if (rs.getString(4) == null) {
                    continue; // a partitioned table without partitions
                }
                Long rows = known.get(new TableName(rs.getString(3), rs.getString(4)));
                if (rows == null || !"r".equals(rs.getString(5))) {
                    complete.put(table, false);
                } else {
                    fromKnown.merge(table, rows, Long::sum);
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (Map.Entry<TableName, Long> t : fromKnown.entrySet()) {
                if (complete.get(t.getKey())) {
                    counts.put(t.getKey().key(), t.getValue());
                    continue;
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(t.getKey().schema()) + "."
                        + quote(t.getKey().name()))) {
                    rs.next();
                    counts.put(t.getKey().key(), rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /**
     * libpq environment variables for a {@code pg_dump} or {@code pg_restore} child process; the
     * password travels here, never on a command line.
     */
    public Map<String, String> libpqEnvironment(String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", settings.getHost());
        env.put("PGPORT", Integer.toString(settings.getPort()));
        env.put("PGUSER", settings.getUser());
        env.put("PGPASSWORD", settings.getPassword() == null ? "" : settings.getPassword());
        env.put("PGDATABASE", database);
        env.put("PGAPPNAME", "mooring-backup");
        env.put("PGCONNECT_TIMEOUT", Long.toString(Math.max(2, settings.getConnectTimeout().toSeconds())));
        if (tls.containsKey("sslmode")) {
            env.put("PGSSLMODE", tls.get("sslmode"));
        }
        if (tls.containsKey("sslrootcert")) {
            env.put("PGSSLROOTCERT", tls.get("sslrootcert"));
        }
        return env;
    }

    /** {@code host:port}, for messages. */
    public String where() {
        return settings.getHost() + ":" + settings.getPort();
    }

    public String user() {
        return settings.getUser();
    }

    /** {@code name} as a quoted SQL identifier. */
    public static String quote(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains NUL");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + settings.getHost() + ":" + settings.getPort() + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
