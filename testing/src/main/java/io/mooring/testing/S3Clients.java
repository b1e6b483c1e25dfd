package io.mooring.testing;

import io.mooring.stack.Servers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/**
 * An S3 client of the test JVM's shared S3-compatible server: path-style, its credentials, and
 * checksums only where the API requires them (as S3-compatible servers expect). Needs the AWS SDK's
 * s3 and url-connection-client on the test classpath.
 */
public final class S3Clients {
    private S3Clients() {
    }

    public static S3Client shared() {
        return S3Client.builder()
                .endpointOverride(URI.create(Servers.s3().endpoint()))
                .region(Region.of(Servers.s3().region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Servers.s3().accessKey(), Servers.s3().secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
