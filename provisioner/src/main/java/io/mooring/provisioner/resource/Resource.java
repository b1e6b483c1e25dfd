package io.mooring.provisioner.resource;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.events.provisioning.ResourceKind;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Something an account owns on a shared server: a database, a Redis namespace, a bucket, a site.
 * {@code kind} is the wire name of a {@link ResourceKind}. {@code spec} holds what was asked for and
 * the names the driver uses on the server; a site's {@code domain} and {@code upstream} are read
 * from it to render the host's web-server configuration. It never holds a secret.
 *
 * <p>Lifecycle: {@code REQUESTED → PROVISIONING → READY | FAILED}, and from any of those
 * {@code DELETING → DELETED}.
 */
@Serdeable
@MappedEntity("resource")
public record Resource(@Id UUID id, UUID accountId, String kind, String name, State state,
                       @TypeDef(type = DataType.JSON) Map<String, String> spec,
                       @Nullable String endpoint, @Nullable String error, Instant createdAt, Instant updatedAt) {

    public enum State {
        REQUESTED, PROVISIONING, READY, FAILED, DELETING, DELETED;

        /** States that count against the plan's quota. */
        static final Set<State> COUNTED = Set.of(REQUESTED, PROVISIONING, READY, DELETING);
    }

    public Resource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        ResourceKind.fromWire(kind);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        spec = spec == null ? Map.of() : Map.copyOf(spec);
    }

    public ResourceKind resourceKind() {
        return ResourceKind.fromWire(kind);
    }

    public Resource provisioning(Instant now) {
        require(state == State.REQUESTED || state == State.PROVISIONING, "provision");
        return with(State.PROVISIONING, spec, endpoint, null, now);
    }

    /** Ready at {@code endpoint}, with what the driver reported merged into the spec. */
    public Resource ready(String readyEndpoint, Map<String, String> reported, Instant now) {
        require(state == State.REQUESTED || state == State.PROVISIONING, "make ready");
        Map<String, String> merged = new HashMap<>(spec);
        merged.putAll(reported);
        return with(State.READY, merged, readyEndpoint, null, now);
    }

    public Resource failed(String reason, Instant now) {
        require(state == State.REQUESTED || state == State.PROVISIONING, "fail");
        return with(State.FAILED, spec, endpoint, reason, now);
    }

    public Resource deleting(Instant now) {
        require(state != State.DELETED, "delete");
        return with(State.DELETING, spec, endpoint, null, now);
    }

    /** Still deleting; the last attempt failed for {@code reason}. */
    public Resource deletionFailed(String reason, Instant now) {
        require(state == State.DELETING, "record a failed deletion of");
        return with(State.DELETING, spec, endpoint, reason, now);
    }

    public Resource deleted(Instant now) {
        require(state == State.DELETING, "finish deleting");
        return with(State.DELETED, spec, endpoint, null, now);
    }

    /** The same resource with another spec, e.g. what a suspension remembered. */
    public Resource withSpec(Map<String, String> nextSpec, Instant now) {
        return with(state, nextSpec, endpoint, error, now);
    }

    private Resource with(State next, Map<String, String> nextSpec, @Nullable String nextEndpoint, @Nullable String nextError,
                          Instant now) {
        return new Resource(id, accountId, kind, name, next, nextSpec, nextEndpoint, nextError, createdAt, now);
    }

    private void require(boolean allowed, String action) {
        if (!allowed) {
            throw new IllegalStateException("cannot " + action + " resource " + id + " in state " + state);
        }
    }
}
