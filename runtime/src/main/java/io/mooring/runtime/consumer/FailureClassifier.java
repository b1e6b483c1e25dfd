package io.mooring.runtime.consumer;

import java.util.Optional;

/**
 * Classifies the failures of one client library for the consumers, where the runtime does not
 * know them (e.g. OpenSearch's HTTP statuses). A bean of this type is asked about every exception
 * of a failure's cause chain, before the runtime's own rules; empty means "not mine".
 */
public interface FailureClassifier {

    Optional<FailureKind> classify(Throwable failure);
}
