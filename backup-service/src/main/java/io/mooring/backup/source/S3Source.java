package io.mooring.backup.source;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.time.Duration;

/**
 * The object storage tenant buckets live on ({@code mooring.backup.sources.s3.*}; each setting not
 * given there is the platform's {@code mooring.s3.*}). The secret key may come from a file
 * ({@code MOORING_BACKUP_SOURCES_S3_SECRET_KEY_FILE}).
 */
@Singleton
public class S3Source {
    private final String endpoint;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final boolean pathStyle;
    private S3Client client;

    public S3Source(@Value("${mooring.backup.sources.s3.endpoint:}") String endpoint,
                    @Value("${mooring.backup.sources.s3.region:}") String region,
                    @Value("${mooring.backup.sources.s3.access-key:}") String accessKey,
                    @Value("${mooring.backup.sources.s3.secret-key:}") String secretKey,
                    @Value("${mooring.backup.sources.s3.path-style:true}") boolean pathStyle,
                    @Value("${mooring.s3.endpoint:}") String platformEndpoint,
                    @Value("${mooring.s3.region:us-east-1}") String platformRegion,
                    @Value("${mooring.s3.access-key:}") String platformAccessKey,
                    @Value("${mooring.s3.secret-key:}") String platformSecretKey) {
        this.endpoint = or(endpoint, platformEndpoint);
        this.region = or(region, platformRegion);
        this.accessKey = or(accessKey, platformAccessKey);
        this.secretKey = or(secretKey, platformSecretKey);
        this.pathStyle = pathStyle;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? (fallback == null ? "" : fallback.trim()) : value.trim();
    }

    public boolean configured() {
        return !endpoint.isEmpty();
    }

    /**
     * Whether {@code endpoint} is this storage's server and {@code accessKey} its account, so that the server can copy
     * between the two by itself ({@code UploadPartCopy}).
     */
    public boolean sameAccount(URI endpoint, String accessKey) {
        return configured() && URI.create(this.endpoint).normalize().equals(endpoint.normalize())
                && this.accessKey.equals(accessKey);
    }

    /** The client, made once. */
    public synchronized S3Client client() {
        if (!configured()) {
            throw new IllegalStateException("neither mooring.backup.sources.s3.endpoint nor mooring.s3.endpoint is set");
        }
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(endpoint))
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                    .forcePathStyle(pathStyle)
                    // S3-compatible servers (S3Proxy, MinIO, B2) do not all take the SDK's default trailing checksums
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                            .socketTimeout(Duration.ofMinutes(5)))
                    .build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
