package io.mooring.backup.destination;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured destinations by name, and one S3 client each. Without a destination named
 * {@value io.mooring.backup.policy.BackupPolicy#DEFAULT_DESTINATION}, one is made from the platform's
 * S3 settings ({@code mooring.s3.*}) and {@code mooring.backup.bucket}.
 */
@Singleton
public class Destinations {
    private final Map<String, Destination> byName = new TreeMap<>();
    private final Map<String, S3Client> clients = new ConcurrentHashMap<>();
    private final Duration timeout;

    public Destinations(List<DestinationSettings> settings,
                        @Value("${mooring.s3.endpoint:}") String s3Endpoint,
                        @Value("${mooring.s3.region:us-east-1}") String s3Region,
                        @Value("${mooring.s3.access-key:}") String s3AccessKey,
                        @Value("${mooring.s3.secret-key:}") String s3SecretKey,
                        @Value("${mooring.backup.bucket:mooring-backups}") String defaultBucket,
                        @Value("${mooring.backup.s3-timeout:5m}") Duration timeout) {
        this.timeout = timeout;
        for (DestinationSettings s : settings) {
            byName.put(s.getName(), new Destination(s.getName(), uri(s.getName(), s.getEndpoint()), s.getRegion(),
                    required(s.getName(), "bucket", s.getBucket()), s.getPrefix(),
                    required(s.getName(), "access-key", s.getAccessKey()),
                    required(s.getName(), "secret-key", s.getSecretKey()), s.isPathStyle()));
        }
        String fallback = io.mooring.backup.policy.BackupPolicy.DEFAULT_DESTINATION;
        if (!byName.containsKey(fallback) && !s3Endpoint.isBlank()) {
            byName.put(fallback, new Destination(fallback, uri(fallback, s3Endpoint), s3Region, defaultBucket, "",
                    s3AccessKey, s3SecretKey, true));
        }
    }

    public Optional<Destination> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    /** The destination called {@code name}, or an {@link IllegalArgumentException} listing the known ones. */
    public Destination require(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException(
                "destination must be one of " + names() + ", was '" + name + "'"));
    }

    /** The S3 client of {@code destination}, made once. */
    public S3Client client(Destination destination) {
        return clients.computeIfAbsent(destination.name(), n -> S3Client.builder()
                .endpointOverride(destination.endpoint())
                .region(Region.of(destination.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(destination.accessKey(), destination.secretKey())))
                .forcePathStyle(destination.pathStyle())
                // S3-compatible servers (S3Proxy, MinIO, B2) do not all take the SDK's default trailing checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(timeout))
                .build());
    }

    @PreDestroy
    void close() {
        clients.values().forEach(S3Client::close);
    }

    private static URI uri(String name, String endpoint) {
        if (endpoint == null || endpoint.isBlank()) {
            throw new ConfigurationException("mooring.backup.destinations." + name + ".endpoint is not set");
        }
        return URI.create(endpoint);
    }

    private static String required(String name, String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("mooring.backup.destinations." + name + "." + key + " is not set");
        }
        return value;
    }
}
