package io.mooring.chatops.delivery;

import io.mooring.runtime.consumer.FailureClassifier;
import io.mooring.runtime.consumer.FailureKind;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The delivery ledger being unavailable (Redis away) delays an event, never drops it. */
@Singleton
class LedgerFailureClassifier implements FailureClassifier {

    @Override
    public Optional<FailureKind> classify(Throwable failure) {
        return failure instanceof LedgerUnavailableException ? Optional.of(FailureKind.TRANSIENT) : Optional.empty();
    }
}
