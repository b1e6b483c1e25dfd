package io.mooring.backup.run;

import io.mooring.backup.artifact.OpenUploads;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletes what runs wrote: every object under a run's key prefix (its artifacts, their manifests, and a bucket
 * mirror's copies), so that a failed run leaves nothing and a pruned one frees its space.
 */
@Singleton
class ArtifactObjects {
    private final Destinations destinations;
    private final OpenUploads openUploads;

    ArtifactObjects(Destinations destinations, OpenUploads openUploads) {
        this.destinations = destinations;
        this.openUploads = openUploads;
    }

    /**
     * Aborts the open multipart uploads and deletes every object whose key starts with {@code prefix} (a run's own
     * prefix: no other run's upload is touched); returns how many objects there were. An upload that cannot be
     * aborted now is left to the stale-upload sweep.
     */
    int deleteUnder(Destination destination, String prefix) {
        S3Client s3 = destinations.client(destination);
        openUploads.abortUnder(destination, prefix);
        int deleted = 0;
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(destination.bucket())
                    .prefix(prefix).continuationToken(token).build());
            List<String> keys = new ArrayList<>(page.contents().stream().map(S3Object::key).toList());
            for (String key : keys) {
                s3.deleteObject(b -> b.bucket(destination.bucket()).key(key));
                deleted++;
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return deleted;
    }
}
