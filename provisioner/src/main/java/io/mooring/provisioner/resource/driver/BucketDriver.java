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
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.Permission;
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
    static final String ACL_BEFORE = AccessChange.PREFIX + "acl";
    private static final String PRIVATE = "private";
    private static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    private static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
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

    /**
     * Takes away anonymous access: the bucket's ACL becomes {@code private}, and the canned ACL it had
     * ({@code public-read}, {@code public-read-write}, {@code authenticated-read}) is remembered for
     * {@link #resume}. Buckets have no credentials of their own, so this is all the tenant can be
     * denied here; keys the operator shared by other means are not affected. Bucket policies (a Deny
     * for everyone) would be stronger but are not common ground: S3Proxy has none. A server that does not
     * implement ACL changes (501, e.g. S3Proxy's filesystem backend) has no public bucket to close,
     * and the step says that nothing was blocked.
     */
    @Override
    public AccessChange suspend(DriverRequest request) {
        String bucket = request.required(BUCKET);
        try {
            S3Client s3 = s3();
            String canned = cannedAcl(s3.getBucketAcl(b -> b.bucket(bucket)));
            if (canned.equals(PRIVATE)) {
                return AccessChange.of("bucket " + bucket + ": private already");
            }
            s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
            LOG.info("resource {}: bucket {} made private (was {})", request.resourceId(), bucket, canned);
            return new AccessChange("bucket " + bucket + ": " + canned + " -> private", Map.of(ACL_BEFORE, canned));
        } catch (NoSuchBucketException e) {
            return AccessChange.of("no bucket " + bucket + " on the server; nothing to block");
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                LOG.warn("resource {}: bucket {} not blocked: the object storage does not implement bucket ACLs", request.resourceId(),
                        bucket);
                return AccessChange.of("bucket " + bucket + ": not blocked, the object storage does not implement bucket ACLs");
            }
            throw classify("suspending bucket " + bucket, e);
        } catch (SdkException e) {
            throw classify("suspending bucket " + bucket, e);
        }
    }

    @Override
    public AccessChange resume(DriverRequest request) {
        String bucket = request.required(BUCKET);
        String before = request.spec().get(ACL_BEFORE);
        if (before == null || before.equals(PRIVATE)) {
            return AccessChange.of("bucket " + bucket + ": stays private, as it was before the suspension");
        }
        try {
            s3().putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.fromValue(before)));
        } catch (NoSuchBucketException e) {
            return AccessChange.of("no bucket " + bucket + " on the server; nothing to restore");
        } catch (SdkException e) {
            throw classify("resuming bucket " + bucket, e);
        }
        LOG.info("resource {}: bucket {} is {} again", request.resourceId(), bucket, before);
        return AccessChange.of("bucket " + bucket + ": " + before + " again");
    }

    /** The canned ACL that grants what {@code acl} grants to everyone, or {@value #PRIVATE}. */
    static String cannedAcl(GetBucketAclResponse acl) {
        boolean read = false;
        boolean write = false;
        boolean authenticated = false;
        for (Grant grant : acl.grants()) {
            String group = grant.grantee() == null ? null : grant.grantee().uri();
            if (ALL_USERS.equals(group)) {
                read |= grant.permission() == Permission.READ || grant.permission() == Permission.FULL_CONTROL;
                write |= grant.permission() == Permission.WRITE || grant.permission() == Permission.FULL_CONTROL;
            } else if (AUTHENTICATED_USERS.equals(group)) {
                authenticated = true;
            }
        }
        return write ? "public-read-write" : read ? "public-read" : authenticated ? "authenticated-read" : PRIVATE;
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
            throw DriverFailure.permanent("no object storage is configured",
                    "no S3 target is configured (mooring.provisioner.targets.s3.endpoint)");
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
