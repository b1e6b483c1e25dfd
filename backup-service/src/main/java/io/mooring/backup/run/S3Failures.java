package io.mooring.backup.run;

import io.mooring.runtime.consumer.FailureClassifier;
import io.mooring.runtime.consumer.FailureKind;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Optional;

/** The S3 client's failures: what the SDK itself would retry (throttling, 5xx, connection faults) is transient. */
@Singleton
class S3Failures implements FailureClassifier {

    @Override
    public Optional<FailureKind> classify(Throwable failure) {
        if (failure instanceof AwsServiceException service) {
            return Optional.of(service.statusCode() >= 500 || service.isThrottlingException() || service.retryable()
                    ? FailureKind.TRANSIENT : FailureKind.PERMANENT);
        }
        if (failure instanceof SdkException sdk && sdk.retryable()) {
            return Optional.of(FailureKind.TRANSIENT);
        }
        return Optional.empty();
    }
}
