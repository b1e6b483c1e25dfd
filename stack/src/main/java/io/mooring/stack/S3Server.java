package io.mooring.stack;

import java.util.Map;

/** An S3-compatible object store; clients use path-style access. */
public interface S3Server extends StackServer {

    /** {@code http://host:port}. */
    String endpoint();

    String accessKey();

    String secretKey();

    String region();

    @Override
    default ServerKind kind() {
        return ServerKind.S3;
    }

    @Override
    default Map<String, String> properties() {
        return Map.of(
                ServerProperties.S3_ENDPOINT, endpoint(),
                ServerProperties.S3_ACCESS_KEY, accessKey(),
                ServerProperties.S3_SECRET_KEY, secretKey(),
                ServerProperties.S3_REGION, region());
    }
}
