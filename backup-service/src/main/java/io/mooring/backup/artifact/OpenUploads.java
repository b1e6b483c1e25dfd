package io.mooring.backup.artifact;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 */
@Singleton
public class OpenUploads implements MultipartUpload.Trackers {
    private static final Logger LOG = LoggerFactory.getLogger(OpenUploads.class);
    private final JdbcOperations jdbc;
    private final Destinations destinations;
    private final Clock clock;

    public OpenUploads(JdbcOperations jdbc, Destinations destinations, Clock clock) {
        this.jdbc = jdbc;
        this.destinations = destinations;
        this.clock = clock;
    }

    /** One recorded upload. */
    public record OpenUpload(String destination, String key, String uploadId, Instant startedAt) {
    }

    /** What a {@link MultipartUpload} to {@code destination} reports as it opens and ends. */
    @Override
    public MultipartUpload.Tracker of(Destination destination) {
        return new MultipartUpload.Tracker() {
            @Override
            public void opened(String key, String uploadId) {
                record(destination.name(), key, uploadId);
            }

            @Override
            public void ended(String key, String uploadId) {
                forget(destination.name(), key, uploadId);
            }
        };
    }

    @Transactional
    void record(String destination, String key, String uploadId) {
        jdbc.prepareStatement("INSERT INTO open_upload (destination, object_key, upload_id, started_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", ps -> {
            ps.setString(1, destination);
            ps.setString(2, key);
            ps.setString(3, uploadId);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
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
        try {
            destinations.client(destination).abortMultipartUpload(b -> b.bucket(destination.bucket()).key(upload.key())
                    .uploadId(upload.uploadId()));
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
                        rs.getString("upload_id"), rs.getTimestamp("started_at").toInstant()));
            }
            return uploads;
        }
    }
}
