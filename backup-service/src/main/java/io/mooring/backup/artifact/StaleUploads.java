package io.mooring.backup.artifact;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Aborts multipart uploads left open under a destination's prefix, by a writer that was killed
 * before it could abort them itself.
 */
@Singleton
public class StaleUploads {
    private static final Logger LOG = LoggerFactory.getLogger(StaleUploads.class);
    private final Destinations destinations;
    private final Clock clock;

    public StaleUploads(Destinations destinations, Clock clock) {
        this.destinations = destinations;
        this.clock = clock;
    }

    /**
     * Aborts every multipart upload under the destination's prefix started more than {@code olderThan}
     * ago; returns how many were aborted. Keep {@code olderThan} above the longest run, so that a
     * running upload is never aborted.
     */
    public int sweep(Destination destination, Duration olderThan) {
        S3Client s3 = destinations.client(destination);
        Instant before = clock.instant().minus(olderThan);
        int aborted = 0;
        String keyMarker = null;
        String uploadIdMarker = null;
        while (true) {
            // filtered here rather than by the server: S3Proxy's filesystem backend lists nothing for a prefix
            ListMultipartUploadsRequest.Builder request = ListMultipartUploadsRequest.builder()
                    .bucket(destination.bucket());
            if (keyMarker != null) {
                request.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
            }
            ListMultipartUploadsResponse page = s3.listMultipartUploads(request.build());
            for (MultipartUpload upload : page.uploads()) {
                if (!upload.key().startsWith(destination.prefix())
                        || upload.initiated() != null && upload.initiated().isAfter(before)) {
                    continue;
                }
                try {
                    s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(destination.bucket())
                            .key(upload.key()).uploadId(upload.uploadId()).build());
                    aborted++;
                    LOG.info("aborted stale multipart upload of {} started {} in {}", upload.key(), upload.initiated(), destination);
                } catch (NoSuchUploadException e) {
                    // completed or aborted meanwhile
                }
            }
            if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextKeyMarker() == null) {
                return aborted;
            }
            keyMarker = page.nextKeyMarker();
            uploadIdMarker = page.nextUploadIdMarker();
        }
    }
}
