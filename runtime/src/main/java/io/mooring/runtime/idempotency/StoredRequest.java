package io.mooring.runtime.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What Redis holds for one idempotency key: the fingerprint of the request that claimed it and,
 * while it runs, the claim; once it finished, the response to replay.
 */
@Serdeable
public record StoredRequest(String fingerprint, @Nullable String claim, @Nullable Integer status, @Nullable String location,
                     @Nullable String body) {

    static StoredRequest claimed(String fingerprint, String claim) {
        return new StoredRequest(fingerprint, claim, null, null, null);
    }

    static StoredRequest completed(String fingerprint, int status, @Nullable String location, String body) {
        return new StoredRequest(fingerprint, null, status, location, body);
    }

    boolean inProgress() {
        return claim != null;
    }
}
