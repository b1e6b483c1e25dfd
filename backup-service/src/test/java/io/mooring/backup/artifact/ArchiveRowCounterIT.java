package io.mooring.backup.artifact;

import io.mooring.backup.source.PostgresSource;
import io.mooring.backup.source.TableName;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rows counted in real {@code pg_dump -Fc -Z0} archives of the stack's tenant Postgres against {@code count(*)} in the
 * snapshot the dump was taken in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveRowCounterIT {
    private static final String DATABASE = "archive_rows";
    private static final String SMALL = "archive_rows_small";
    private static final int MANY = 120;

    @BeforeAll
    void database() throws Exception {
        ArtifactTestStack.createTenantDatabase(SMALL);
        try (Connection c = ArtifactTestStack.tenantAdmin(SMALL); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE few (id int); INSERT INTO few VALUES (1), (2), (3)");
        }
        ArtifactTestStack.createTenantDatabase(DATABASE);
        try (Connection c = ArtifactTestStack.tenantAdmin(DATABASE); Statement st = c.createStatement()) {
            // values that look like line ends or the end of COPY data: a newline, CR, tab, backslashes, "\.", empty
            st.execute("CREATE TABLE tricky (id int, body text)");
            st.execute("""
                    INSERT INTO tricky VALUES (1, E'two\\nlines'), (2, E'cr\\r\\nlf'), (3, E'tab\\there'), (4, E'\\\\.'),
                      (5, E'ends with \\\\.'), (6, ''), (7, NULL), (8, E'\\\\'), (9, E'\\n'), (10, '.')""");
            // one text column: '' is an empty line, '\.' and 'x\.' end like the COPY terminator
            st.execute("CREATE TABLE lines (body text)");
            st.execute("INSERT INTO lines VALUES (''), (E'\\\\.'), (''), (E'x\\\\.'), (''), ('')");
            st.execute("CREATE TABLE no_columns ()");
            st.execute("INSERT INTO no_columns DEFAULT VALUES; INSERT INTO no_columns DEFAULT VALUES; "
                    + "INSERT INTO no_columns DEFAULT VALUES");
            st.execute("CREATE TABLE empty (id int)");
            st.execute("CREATE SCHEMA \"odd schema\"");
            st.execute("CREATE TABLE \"odd schema\".\"dotted.name \"\"quoted\"\" ünï\" (id int)");
            st.execute("INSERT INTO \"odd schema\".\"dotted.name \"\"quoted\"\" ünï\" SELECT generate_series(1, 7)");
            st.execute("CREATE TABLE measures (at date, v int) PARTITION BY RANGE (at)");
            st.execute("CREATE TABLE measures_2025 PARTITION OF measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
            st.execute("CREATE TABLE measures_2026 PARTITION OF measures FOR VALUES FROM ('2026-01-01') TO ('2027-01-01') "
                    + "PARTITION BY LIST (v)");
            st.execute("CREATE TABLE measures_2026_even PARTITION OF measures_2026 FOR VALUES IN (0, 2, 4)");
            st.execute("CREATE TABLE measures_2026_other PARTITION OF measures_2026 DEFAULT");
            st.execute("CREATE TABLE measures_2027 PARTITION OF measures FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')");
            st.execute("INSERT INTO measures SELECT date '2025-06-01' + g, g % 6 FROM generate_series(0, 599) g");
            st.execute("CREATE TABLE no_partitions (id int) PARTITION BY RANGE (id)");
            // count(*) of an inheritance parent includes its children's rows
            st.execute("CREATE TABLE animals (name text); CREATE TABLE dogs () INHERITS (animals)");
            st.execute("INSERT INTO animals VALUES ('cat'), ('owl'); INSERT INTO dogs VALUES ('a'), ('b'), ('c')");
            st.execute("CREATE UNLOGGED TABLE scratch (id int)");
            st.execute("INSERT INTO scratch SELECT generate_series(1, 11)");
            st.execute("CREATE TABLE wide (id int, body text)");
            // rows longer than the counter's 8-byte steps and than a pipe's buffer
            st.execute("INSERT INTO wide SELECT g, repeat(md5(g::text), 1 + g % 300) FROM generate_series(1, 300) g");
            for (int t = 0; t < MANY; t++) {
                st.execute("CREATE TABLE many_" + t + " (id int, note text)");
                st.execute("INSERT INTO many_" + t + " SELECT g, 'row ' || g FROM generate_series(1, " + t + ") g");
            }
            st.execute("SELECT lo_from_bytea(0, convert_to(repeat('large object ', 20000), 'UTF8'))");
            st.execute("SELECT lo_from_bytea(0, ''::bytea)");
        }
    }

    @Test
    void countsTheRowsOfEveryTableAsCountStarDoesInTheDumpsSnapshot() throws Exception {
        try (Connection snapshot = snapshotHolder()) {
            String id = single(snapshot, "SELECT pg_export_snapshot()");
            // rows written after the snapshot was exported are neither dumped nor counted
            try (Connection c = ArtifactTestStack.tenantAdmin(DATABASE); Statement st = c.createStatement()) {
                st.execute("INSERT INTO tricky VALUES (11, 'later'); INSERT INTO empty VALUES (1); DELETE FROM many_5");
            }
            byte[] archive = dump("-Z0", "--snapshot=" + id);

            ArchiveRowCounter whole = counted(archive, new int[]{archive.length});
            Map<TableName, Long> counts = whole.counts().orElseThrow();

            Map<TableName, Long> expected = leafCounts(snapshot);
            assertThat(counts).isEqualTo(expected);
            assertThat(counts).containsEntry(new TableName("public", "tricky"), 10L)
                    .containsEntry(new TableName("public", "lines"), 6L)
                    .containsEntry(new TableName("public", "no_columns"), 3L)
                    .containsEntry(new TableName("public", "empty"), 0L)
                    .containsEntry(new TableName("public", "many_5"), 5L)
                    .containsEntry(new TableName("odd schema", "dotted.name \"quoted\" ünï"), 7L)
                    .containsKeys(new TableName("public", "measures_2025"), new TableName("public", "measures_2026_even"),
                            new TableName("public", "measures_2026_other"), new TableName("public", "measures_2027"));
            Map<String, Long> byCount = countStar(snapshot);
            assertThat(byCount).containsEntry("public.measures", 600L).containsEntry("public.no_partitions", 0L)
                    .containsEntry("public.animals", 5L).containsEntry("public.dogs", 3L).hasSize(MANY + 11);
            assertThat(PostgresSource.rowCounts(snapshot, counts)).isEqualTo(byCount);
            assertThat(PostgresSource.rowCounts(snapshot)).isEqualTo(byCount);
        }
    }

    @Test
    void takesTheRowsItIsGivenAndCountsTheRest() throws Exception {
        try (Connection snapshot = snapshotHolder()) {
            Map<String, Long> counts = PostgresSource.rowCounts(snapshot, Map.of(new TableName("public", "lines"), 42L,
                    new TableName("public", "measures_2025"), 1000L, new TableName("public", "animals"), 1000L));

            assertThat(counts).containsEntry("public.lines", 42L).containsEntry("public.no_columns", 3L)
                    // a partition missing, an inheritance parent: counted
                    .containsEntry("public.measures", 600L).containsEntry("public.animals", 5L);
        }
    }

    @Test
    void countsTheSameHoweverTheArchiveIsCutIntoWrites() throws Exception {
        byte[] archive = dump("-Z0");
        Map<TableName, Long> whole = counted(archive, new int[]{archive.length}).counts().orElseThrow();
        Random random = new Random(7);
        int[] tiny = random.ints(10_000, 1, 20).toArray();
        int[] large = random.ints(1_000, 1, 70_000).toArray();

        assertThat(counted(archive, new int[]{1}).counts()).contains(whole);
        assertThat(counted(archive, tiny).counts()).contains(whole);
        assertThat(counted(archive, large).counts()).contains(whole);
        // an archive of a few KiB ends before the table of contents is tried again: it is read at the end
        byte[] small = dumpOf(SMALL, "-Z0");
        assertThat(counted(small, new int[]{1}).counts()).contains(Map.of(new TableName("public", "few"), 3L));
    }

    @Test
    void passesEveryByteOnAndGivesUpOnWhatItCannotCount() throws Exception {
        byte[] compressed = dump("-Z1");
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        ArchiveRowCounter counter = new ArchiveRowCounter(copy);
        counter.write(compressed, 0, compressed.length);

        assertThat(copy.toByteArray()).isEqualTo(compressed);
        assertThat(counter.counts()).isEmpty();
        assertThat(counter.unreadable()).contains("compressed");

        byte[] archive = dump("-Z0");
        ArchiveRowCounter cut = counted(archive, new int[]{archive.length}, archive.length - 3);
        assertThat(cut.counts()).isEmpty();
        assertThat(cut.unreadable()).contains("ended inside");
        assertThat(counted("not an archive".getBytes(), new int[]{4}).counts()).isEmpty();
    }

    private static ArchiveRowCounter counted(byte[] archive, int[] writes) throws IOException {
        return counted(archive, writes, archive.length);
    }

    /** The first {@code length} bytes of {@code archive} written in writes of the sizes given, in turn. */
    private static ArchiveRowCounter counted(byte[] archive, int[] writes, int length) throws IOException {
        ArchiveRowCounter counter = new ArchiveRowCounter(OutputStream.nullOutputStream());
        int w = 0;
        for (int at = 0; at < length; w = (w + 1) % writes.length) {
            int n = Math.min(writes[w], length - at);
            counter.write(archive, at, n);
            at += n;
        }
        return counter;
    }

    /** {@code count(*)} of every table that is not a partition, outside the system schemas, keyed {@code schema.name}. */
    private static Map<String, Long> countStar(Connection c) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        for (TableName t : tables(c, "cl.relkind IN ('r', 'p') AND NOT cl.relispartition")) {
            counts.put(t.key(), Long.parseLong(single(c, "SELECT count(*) FROM " + PostgresSource.quote(t.schema()) + "."
                    + PostgresSource.quote(t.name()))));
        }
        return counts;
    }

    private static List<TableName> tables(Connection c, String where) throws Exception {
        List<TableName> tables = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT n.nspname, cl.relname FROM pg_class cl "
                + "JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE " + where
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')")) {
            while (rs.next()) {
                tables.add(new TableName(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    /** {@code count(*)} of every ordinary table outside the system schemas (partitions included). */
    private static Map<TableName, Long> leafCounts(Connection c) throws Exception {
        Map<TableName, Long> counts = new HashMap<>();
        for (TableName t : tables(c, "cl.relkind = 'r'")) {
            // ONLY: a parent's own rows, as its block in the dump holds them
            counts.put(t, Long.parseLong(single(c, "SELECT count(*) FROM ONLY " + PostgresSource.quote(t.schema()) + "."
                    + PostgresSource.quote(t.name()))));
        }
        return counts;
    }

    private static Connection snapshotHolder() throws Exception {
        Connection c = ArtifactTestStack.tenantAdmin(DATABASE);
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        return c;
    }

    private static byte[] dump(String... options) throws Exception {
        return dumpOf(DATABASE, options);
    }

    private static byte[] dumpOf(String database, String... options) throws Exception {
        TenantPostgresServer server = Servers.tenantPostgres();
        List<String> command = new java.util.ArrayList<>(List.of("pg_dump", "-Fc", "--no-password"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("PGHOST", server.host(), "PGPORT", Integer.toString(server.port()),
                "PGUSER", server.user(), "PGPASSWORD", server.password(), "PGDATABASE", database));
        Process process = builder.start();
        byte[] archive = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        return archive;
    }

    private static String single(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
