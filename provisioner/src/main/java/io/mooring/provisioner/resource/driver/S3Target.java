package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The S3-compatible endpoint buckets are created on ({@code mooring.provisioner.targets.s3.*};
 * without an {@code endpoint} there, the provisioner's own {@code mooring.s3.*} settings),
 * addressed path-style. {@code public-endpoint} is what tenants use when it differs.
 */
@Singleton
public class S3Target {
    private final String endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String publicEndpoint;
    private final Duration timeout;

    public S3Target(@Value("${mooring.provisioner.targets.s3.endpoint:}") String endpoint,
                    @Value("${mooring.provisioner.targets.s3.access-key:}") String accessKey,
                    @Value("${mooring.provisioner.targets.s3.secret-key:}") String secretKey,
                    @Value("${mooring.provisioner.targets.s3.region:}") String region,
                    @Value("${mooring.provisioner.targets.s3.public-endpoint:}") String publicEndpoint,
                    @Value("${mooring.provisioner.targets.s3.timeout:30s}") Duration timeout,
                    @Value("${mooring.s3.endpoint:}") String serviceEndpoint,
                    @Value("${mooring.s3.access-key:}") String serviceAccessKey,
                    @Value("${mooring.s3.secret-key:}") String serviceSecretKey,
                    @Value("${mooring.s3.region:us-east-1}") String serviceRegion) {
        boolean own = endpoint != null && !endpoint.isBlank();
        this.endpoint = trimSlash(own ? endpoint : serviceEndpoint);
        this.accessKey = nonNull(own ? accessKey : serviceAccessKey);
        this.secretKey = nonNull(own ? secretKey : serviceSecretKey);
        this.region = region == null || region.isBlank() ? serviceRegion : region.trim();
        this.publicEndpoint = publicEndpoint == null || publicEndpoint.isBlank() ? this.endpoint : trimSlash(publicEndpoint);
        this.timeout = timeout;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String trimSlash(String value) {
        String trimmed = value == null ? "" : value.trim();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    public boolean configured() {
        return !endpoint.isEmpty();
    }

    public String endpoint() {
        return endpoint;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    public String region() {
        return region;
    }

    public String publicEndpoint() {
        return publicEndpoint;
    }

    public Duration timeout() {
        return timeout;
    }
}
