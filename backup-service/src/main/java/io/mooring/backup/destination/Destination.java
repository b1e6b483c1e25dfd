package io.mooring.backup.destination;

import java.net.URI;
import java.util.Objects;

/**
 * An S3-compatible place artifacts are written to: endpoint, bucket and key prefix, configured by
 * name under {@code mooring.backup.destinations.<name>}. {@link #toString()} leaves the keys out.
 *
 * @param prefix a key prefix without leading slash, empty or ending in {@code /}
 */
public record Destination(String name, URI endpoint, String region, String bucket, String prefix, String accessKey,
                          String secretKey, boolean pathStyle) {

    public Destination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(accessKey, "accessKey");
        Objects.requireNonNull(secretKey, "secretKey");
        prefix = prefix == null || prefix.isEmpty() ? "" : (prefix.replaceAll("^/+", "").replaceAll("/*$", "/"));
    }

    /** {@code relative} under this destination's prefix. */
    public String key(String relative) {
        return prefix + relative;
    }

    @Override
    public String toString() {
        return "Destination[" + name + " " + endpoint + " s3://" + bucket + "/" + prefix + "]";
    }
}
