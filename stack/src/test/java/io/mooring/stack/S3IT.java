package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@ExtendWith(RealServersExtension.class)
class S3IT {

    @Test
    void storesAndReturnsObjects(S3Server s3) {
        try (S3Client client = client(s3, s3.secretKey())) {
            client.createBucket(b -> b.bucket("it-bucket"));
            client.putObject(b -> b.bucket("it-bucket").key("docs/hello.txt").contentType("text/plain"),
                    RequestBody.fromString("hello s3"));

            assertThat(client.getObjectAsBytes(b -> b.bucket("it-bucket").key("docs/hello.txt")).asUtf8String())
                    .isEqualTo("hello s3");
            assertThat(client.listObjectsV2(b -> b.bucket("it-bucket")).contents())
                    .extracting(S3Object::key).containsExactly("docs/hello.txt");
        }
    }

    @Test
    void rejectsAWrongSecret(S3Server s3) {
        try (S3Client client = client(s3, "not-the-secret")) {
            assertThatThrownBy(client::listBuckets).isInstanceOf(S3Exception.class)
                    .extracting(e -> ((S3Exception) e).statusCode()).isEqualTo(403);
        }
    }

    private static S3Client client(S3Server s3, String secret) {
        return S3Client.builder()
                .endpointOverride(URI.create(s3.endpoint()))
                .region(Region.of(s3.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), secret)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
