package io.mooring.search.opensearch;

import io.mooring.runtime.consumer.FailureClassifier;
import io.mooring.runtime.consumer.FailureKind;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.TransportException;

import java.util.Optional;

/**
 * OpenSearch's failures for the consumers: a request it rejects as malformed (400) is permanent;
 * too many requests (429), a server error (5xx), an index or alias not there yet (404) and
 * transport failures are transient. Connection failures are {@code IOException}s, which the
 * runtime already counts as transient.
 */
@Singleton
class OpenSearchFailureClassifier implements FailureClassifier {

    @Override
    public Optional<FailureKind> classify(Throwable failure) {
        if (failure instanceof OpenSearchException e) {
            return Optional.of(OpenSearchFailures.isPermanent(e) ? FailureKind.PERMANENT : FailureKind.TRANSIENT);
        }
        if (failure instanceof TransportException) {
            return Optional.of(FailureKind.TRANSIENT);
        }
        return Optional.empty();
    }
}
