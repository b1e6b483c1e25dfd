package io.mooring.provisioner.desiredstate;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.UUID;

/** A ready site left out of the web-server configuration, and why. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RejectedSite(UUID resourceId, UUID accountId, @Nullable String domain, String reason) {
}
