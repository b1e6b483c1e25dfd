package io.mooring.backup.artifact;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.source.S3Source;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The multipart uploads this service opened and has not completed or aborted, recorded in Postgres so that they are
 * aborted by id: after a failed run (every upload under the run's prefix) and when their writer died (uploads older
 * than any run can last). An upload is recorded right after S3 gives its id and forgotten once completed or aborted.
 * A mirror's copy that stops is kept with its stored parts for the next copy of the same source version to take over
 * ({@link #of}); a restore's copies into the tenant storage are recorded too ({@link #inTenantStorage}).
 */
@Singleton
public class OpenUploads implements MultipartUpload.Trackers {
    /** The {@code destination} of uploads into the tenant object storage (no destination can be named so). */
    static final String TENANT_STORAGE = "@tenant-storage";
    private static final Logger LOG = LoggerFactory.getLogger(OpenUploads.class);
    /** An upload no running run owns (a run's id, or no owner: recorded by a version before owners). */
    private static final String UNOWNED = "NOT EXISTS (SELECT 1 FROM backup_run r WHERE r.id::text = o.owner AND r.state = 'RUNNING')";
    private final JdbcOperations jdbc;
    private final Destinations destinations;
    private final S3Source tenantStorage;
    private final Clock clock;

    public OpenUploads(JdbcOperations jdbc, Destinations destinations, S3Source tenantStorage, Clock clock) {
        this.jdbc = jdbc;
        this.destinations = destinations;
        this.tenantStorage = tenantStorage;
        this.clock = clock;
    }

    /** One recorded upload; {@code bucket} is null for one in its destination's bucket. */
    public record OpenUpload(String destination, String key, String uploadId, Instant startedAt, String bucket) {
    }

    /**
     * What a {@link MultipartUpload} or {@link MultipartCopy} of the run {@code owner} to {@code destination} reports as
     * it opens and ends; a copy that stops keeps its upload for a later run to resume.
     */
    @Override
    public MultipartUpload.Tracker of(Destination destination, String owner) {
        return new MultipartUpload.Tracker() {
            @Override
            public void opened(String key, String uploadId) {
                record(destination.name(), null, key, uploadId, null, null, owner);
            }

            @Override
            public void openedCopy(String key, String uploadId, String sourceEtag, long partSize) {
                record(destination.name(), null, key, uploadId, sourceEtag, partSize, owner);
            }

            @Override
            public void ended(String key, String uploadId) {
                forget(destination.name(), key, uploadId);
            }

            @Override
            public boolean resumes() {
                return true;
            }

            @Override
            public String resumable(String key, String sourceEtag, long partSize) {
                return takeOver(destination, key, sourceEtag, partSize, owner);
            }
        };
    }

    /** What a copy into the tenant storage's {@code bucket} (a restore) reports; its uploads are aborted when it stops. */
    public MultipartUpload.Tracker inTenantStorage(String bucket) {
        return new MultipartUpload.Tracker() {
            @Override
            public void opened(String key, String uploadId) {
                record(TENANT_STORAGE, bucket, key, uploadId, null, null, null);
            }

            @Override
            public void ended(String key, String uploadId) {
                forget(TENANT_STORAGE, key, uploadId);
            }
        };
    }

    @Transactional
    void record(String destination, String bucket, String key, String uploadId, String sourceEtag, Long partSize,
                String owner) {
        jdbc.prepareStatement("INSERT INTO open_upload (destination, object_key, upload_id, started_at, bucket, source_etag, "
                + "part_size, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, destination);
            ps.setString(2, key);
            ps.setString(3, uploadId);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.setString(5, bucket);
            ps.setString(6, sourceEtag);
            ps.setObject(7, partSize);
            ps.setString(8, owner);
            return ps.executeUpdate();
        });
    }

    @Transactional
    void forget(String destination, String key, String uploadId) {
        jdbc.prepareStatement("DELETE FROM open_upload WHERE destination = ? AND object_key = ? AND upload_id = ?", ps -> {
            ps.setString(1, destination);
            ps.setString(2, key);
            ps.setString(3, uploadId);
            return ps.executeUpdate();
        });
    }

    /**
     * Gives {@code owner} the newest upload of {@code key} kept by a copy of {@code sourceEtag} in parts of
     * {@code partSize} that no running run owns (its start time becomes now, so the stale-upload sweep leaves it to
     * this run); aborts kept uploads of other versions or part sizes of the key. {@code null} if none is kept.
     */
    String takeOver(Destination destination, String key, String sourceEtag, long partSize, String owner) {
        for (OpenUpload other : keptOtherThan(destination, key, sourceEtag, partSize)) {
            abort(destination, other);
        }
        return claim(destination, key, sourceEtag, partSize, owner);
    }

    @Transactional
    String claim(Destination destination, String key, String sourceEtag, long partSize, String owner) {
        return jdbc.prepareStatement("UPDATE open_upload SET owner = ?, started_at = ? WHERE (destination, object_key, upload_id) = "
                + "(SELECT destination, object_key, upload_id FROM open_upload o WHERE destination = ? AND object_key = ? "
                + "AND source_etag = ? AND part_size = ? AND " + UNOWNED + " ORDER BY started_at DESC LIMIT 1 "
                + "FOR UPDATE SKIP LOCKED) RETURNING upload_id", ps -> {
            ps.setString(1, owner);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setString(3, destination.name());
            ps.setString(4, key);
            ps.setString(5, sourceEtag);
            ps.setLong(6, partSize);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Transactional
    List<OpenUpload> keptOtherThan(Destination destination, String key, String sourceEtag, long partSize) {
        return jdbc.prepareStatement("SELECT * FROM open_upload o WHERE destination = ? AND object_key = ? "
                + "AND source_etag IS NOT NULL AND (source_etag <> ? OR part_size <> ?) AND " + UNOWNED, ps -> {
            ps.setString(1, destination.name());
            ps.setString(2, key);
            ps.setString(3, sourceEtag);
            ps.setLong(4, partSize);
            return rows(ps.executeQuery());
        });
    }

    /** The open uploads of {@code destination} whose key starts with {@code prefix}. */
    @Transactional
    public List<OpenUpload> under(Destination destination, String prefix) {
        return select("SELECT * FROM open_upload WHERE destination = ? AND starts_with(object_key, ?) ORDER BY started_at",
                destination.name(), prefix);
    }

    /** The open uploads started before {@code before}, of every destination. */
    @Transactional
    public List<OpenUpload> startedBefore(Instant before) {
        return jdbc.prepareStatement("SELECT * FROM open_upload WHERE started_at < ? ORDER BY started_at", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return rows(ps.executeQuery());
        });
    }

    /**
     * Aborts the open uploads of {@code destination} under {@code prefix}; returns how many were aborted. One that
     * cannot be aborted now stays recorded for the sweep, and the others are still aborted.
     */
    public int abortUnder(Destination destination, String prefix) {
        int aborted = 0;
        for (OpenUpload upload : under(destination, prefix)) {
            if (abort(destination, upload)) {
                aborted++;
            }
        }
        return aborted;
    }

    /**
     * Aborts every upload started before {@code before}, whose writer cannot be running any more; returns how many
     * were aborted. Keep {@code before} earlier than the start of the longest run still possible.
     */
    public int abortStartedBefore(Instant before) {
        int aborted = 0;
        for (OpenUpload upload : startedBefore(before)) {
            if (TENANT_STORAGE.equals(upload.destination())) {
                if (abortInTenantStorage(upload)) {
                    aborted++;
                    LOG.info("aborted stale multipart upload of {} started {} in the tenant storage's bucket {}",
                            upload.key(), upload.startedAt(), upload.bucket());
                }
                continue;
            }
            if (!destinations.names().contains(upload.destination())) {
                LOG.warn("open upload of {} belongs to destination {}, which is no longer configured: left as is",
                        upload.key(), upload.destination());
                continue;
            }
            if (abort(destinations.require(upload.destination()), upload)) {
                aborted++;
                LOG.info("aborted stale multipart upload of {} started {} in {}", upload.key(), upload.startedAt(),
                        upload.destination());
            }
        }
        return aborted;
    }

    private boolean abort(Destination destination, OpenUpload upload) {
        return abort(destinations.client(destination), destination.bucket(), destination.toString(), upload);
    }

    private boolean abortInTenantStorage(OpenUpload upload) {
        if (!tenantStorage.configured()) {
            LOG.warn("open upload of {} in the tenant storage's bucket {}, which is no longer configured: left as is",
                    upload.key(), upload.bucket());
            return false;
        }
        return abort(tenantStorage.client(), upload.bucket(), "the tenant storage", upload);
    }

    private boolean abort(S3Client s3, String bucket, String destination, OpenUpload upload) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
        } catch (NoSuchUploadException e) {
            // completed or aborted already
        } catch (S3Exception e) {
            if (e.statusCode() < 400 || e.statusCode() >= 500 || e.statusCode() == 429) {
                LOG.warn("could not abort the multipart upload of {} in {} ({}); retried by the next sweep", upload.key(),
                        destination, e.toString());
                return false;
            }
            // refused for good: asking again would be refused again
            LOG.warn("{} refused to abort the multipart upload {} of {} ({}): no longer tracked; a bucket lifecycle rule "
                    + "(AbortIncompleteMultipartUpload) removes it", destination, upload.uploadId(), upload.key(), e.toString());
        } catch (RuntimeException e) {
            LOG.warn("could not abort the multipart upload of {} in {} ({}); retried by the next sweep", upload.key(),
                    destination, e.toString());
            return false;
        }
        forget(upload.destination(), upload.key(), upload.uploadId());
        return true;
    }

    private List<OpenUpload> select(String sql, String destination, String prefix) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setString(1, destination);
            ps.setString(2, prefix);
            return rows(ps.executeQuery());
        });
    }

    private static List<OpenUpload> rows(ResultSet rs) throws SQLException {
        try (rs) {
            List<OpenUpload> uploads = new ArrayList<>();
            while (rs.next()) {
                uploads.add(new OpenUpload(rs.getString("destination"), rs.getString("object_key"),
                                rs.getString("upload_id"), rs.getTimestamp("started_at").toInstant(), rs.getString("bucket")));
            }
            return uploads;
        }
    }
}
