package io.mooring.backup.artifact;

import com.github.luben.zstd.util.ZstdVersion;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.backup.source.TableName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A tenant database as {@code pg_dump -Fc -Z0} → zstd → age → S3 multipart upload, streamed. A
 * REPEATABLE READ transaction of the service's own exports its snapshot; {@code pg_dump --snapshot}
 * dumps exactly that snapshot. The manifest's row counts are the rows of the dump itself
 * ({@link ArchiveRowCounter}), so they match it on a live database without a second read of the tables; a table the
 * dump has no rows of (a foreign table), an inheritance parent, or every table of a dump that cannot be read is
 * counted with {@code count(*)} in the same snapshot (the transaction held open until then).
 */
@Singleton
public class PostgresArtifactWriter implements ArtifactWriter {
    /** {@code application_name} of the dump's session. */
    public static final String DUMP_APPLICATION = "mooring-backup-pg_dump";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresArtifactWriter.class);
    private final PostgresSource source;
    private final Artifacts artifacts;

    PostgresArtifactWriter(PostgresSource source, Artifacts artifacts) {
        this.source = source;
        this.artifacts = artifacts;
    }

    @Override
    public TargetKind kind() {
        return TargetKind.POSTGRES_DATABASE;
    }

    @Override
    public ArtifactWritten write(ArtifactRequest request, Progress progress) throws Exception {
        Instant started = artifacts.now();
        String database = request.targetName();
        String pgDump = artifacts.settings().getPgDump();
        try (Connection snapshotHolder = source.connect(database)) {
            snapshotHolder.setAutoCommit(false);
            snapshotHolder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshotHolder.setReadOnly(true);
            String snapshot = single(snapshotHolder, "SELECT pg_export_snapshot()");
            String serverVersion = single(snapshotHolder, "SHOW server_version");
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("pg_dump", ToolProcess.version(pgDump));
            versions.put("server_version", serverVersion);
            versions.put("dump_format", "custom (pg_dump -Fc -Z0)");
            versions.put("zstd", "zstd-jni " + ZstdVersion.VERSION);
            versions.put("age", AgeKeys.FORMAT);
            Map<String, String> env = new LinkedHashMap<>(source.libpqEnvironment(database));
            env.put("PGAPPNAME", DUMP_APPLICATION);
            List<String> command = new ArrayList<>(List.of(pgDump, "-Fc", "-Z0", "--no-password", "--snapshot=" + snapshot));
            EncryptedUpload upload = artifacts.upload(request);
            ToolProcess dump = null;
            ExecutorService counting = Executors.newVirtualThreadPerTaskExecutor();
            try {
                dump = ToolProcess.start(command, env);
                ToolProcess running = dump;
                ArchiveRowCounter rows = new ArchiveRowCounter(upload.plaintext());
                Pipes.interruptibly(() -> Pipes.copy(running.stdout(), rows, progress), running::close);
                int exit = dump.waitFor();
                if (exit != 0) {
                    throw dump.failed(exit);
                }
                Map<TableName, Long> dumped = rows.counts().orElseGet(() -> {
                    LOG.warn("database {}: rows counted with count(*), the dump could not be read: {}", database,
                            rows.unreadable());
                    return Map.of();
                });
                // the tables are listed (and any the dump does not hold counted) in the exported snapshot: the
                // transaction holding it stays open until then; the upload's last parts go meanwhile
                Future<Map<String, Long>> tables = counting.submit(() -> PostgresSource.rowCounts(snapshotHolder, dumped));
                EncryptedUpload.Sizes sizes = upload.finish();
                Map<String, Long> counts = counted(tables);
                ArtifactWritten written = artifacts.commit(request, sizes, source.where() + "/" + database, versions,
                        started, counts, Map.of("tables", (long) counts.size()));
                LOG.info("database {}: {} bytes dumped, {} stored as {}", database, sizes.plaintextBytes(),
                        sizes.storedBytes(), request.key());
                return written;
            } catch (Exception | Error e) {
                if (dump != null) {
                    dump.close();
                }
                // ends a count still running
                abort(snapshotHolder);
                upload.abort();
                throw e;
            } finally {
                counting.shutdownNow();
                if (dump != null) {
                    dump.close();
                }
            }
        }
    }

    private static Map<String, Long> counted(Future<Map<String, Long>> tables) throws Exception {
        try {
            return tables.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (java.sql.SQLException | RuntimeException e) {
            // closing anyway
        }
    }

    private static String single(Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
