package io.mooring.provisioner.resource.driver;

import io.mooring.events.provisioning.ResourceKind;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * A bucket {@code acct-<short id>-<name>} on the S3-compatible endpoint. A bucket this endpoint's
 * credentials already own is adopted (an interrupted attempt made it); one owned by someone else is
 * a permanent failure. Deleting empties the bucket (every object, page by page) and removes it; a
 * bucket that is already gone counts as deleted. No per-bucket credentials are issued: S3-compatible
 * servers have no common API for that.
 */
@Singleton
public class BucketDriver implements ResourceDriver {
    public static final String BUCKET = "bucket";
    private static final Logger LOG = LoggerFactory.getLogger(BucketDriver.class);

    private final S3Target target;
    private S3Client client;

    public BucketDriver(S3Target target) {
        this.target = target;
    }

    @Override
    public ResourceKind kind() {
        return ResourceKind.BUCKET;
    }

    @Override
    public boolean available() {
        return target.configured();
    }

    @Override
    public Map<String, String> names(UUID accountId, String name) {
        return Map.of(BUCKET, TenantNames.bucket(accountId, name));
    }

    @Override
    public Provisioned provision(DriverRequest request) {
        String bucket = request.required(BUCKET);
        try {
            s3().createBucket(b -> b.bucket(bucket));
        } catch (BucketAlreadyOwnedByYouException e) {
            LOG.info("resource {}: bucket {} exists already and is ours; adopting it", request.resourceId(), bucket);
        } catch (SdkException e) {
            throw classify("creating bucket " + bucket, e);
        }
        LOG.info("resource {}: bucket {} ready on {}", request.resourceId(), bucket, target.endpoint());
        return new Provisioned(target.publicEndpoint() + "/" + bucket, Map.of("s3Endpoint", target.publicEndpoint()), null);
    }

    @Override
    public void deprovision(DriverRequest request) {
        String bucket = request.required(BUCKET);
        try {
            S3Client s3 = s3();
            ListObjectsV2Response page;
            do {
                page = s3.listObjectsV2(b -> b.bucket(bucket));
                for (S3Object object : page.contents()) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                }
            } while (page.isTruncated());
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            LOG.info("resource {}: bucket {} is gone already", request.resourceId(), bucket);
            return;
        } catch (SdkException e) {
            throw classify("deleting bucket " + bucket, e);
        }
        LOG.info("resource {}: bucket {} emptied and deleted", request.resourceId(), bucket);
    }

    /** Client errors (I/O, timeouts), throttling and server errors are retriable; other answers permanent. */
    static DriverFailure classify(String action, SdkException e) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : " " + s3.awsErrorDetails().errorCode();
            String message = action + ": HTTP " + s3.statusCode() + code;
            boolean retriable = s3.statusCode() >= 500 || s3.statusCode() == 429 || s3.statusCode() == 408;
            String summary = retriable ? "object storage busy or failing"
                    : s3.statusCode() == 403 ? "object storage refused the provisioner's credentials"
                    : s3.statusCode() == 409 ? "bucket name taken on the object storage"
                    : "object storage refused the change";
            return retriable ? DriverFailure.retriable(summary, message, e) : DriverFailure.permanent(summary, message, e);
        }
        String message = action + ": " + e.getMessage();
        return e instanceof SdkClientException || e.retryable()
                ? DriverFailure.retriable("object storage unreachable", message, e)
                : DriverFailure.permanent("object storage refused the change", message, e);
    }

    private synchronized S3Client s3() {
        if (!target.configured()) {
            throw DriverFailure.permanent("no object storage is configured", "no S3 target is configured (mooring.provisioner.targets.s3.endpoint)");
        }
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(URI.create(target.endpoint()))
                    .region(Region.of(target.region()))
                    .forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(target.accessKey(), target.secretKey())))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(UrlConnectionHttpClient.builder()
                            .connectionTimeout(target.timeout())
                            .socketTimeout(target.timeout()))
                    .overrideConfiguration(o -> o.apiCallTimeout(target.timeout().multipliedBy(2)))
                    .build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
