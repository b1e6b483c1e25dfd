package io.mooring.backup.run;

import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
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

    ArtifactObjects(Destinations destinations) {
        this.destinations = destinations;
    }

    /**
     * Aborts the multipart uploads and deletes every object whose key starts with {@code prefix} (a run's own
     * prefix: no other run's upload is touched); returns how many objects there were.
     */
    int deleteUnder(Destination destination, String prefix) {
        S3Client s3 = destinations.client(destination);
        for (MultipartUpload upload : s3.listMultipartUploadsPaginator(b -> b.bucket(destination.bucket()).prefix(prefix))
                .uploads()) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(destination.bucket()).key(upload.key()).uploadId(upload.uploadId()));
            } catch (NoSuchUploadException e) {
                // completed or aborted meanwhile
            }
        }
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
