package io.mooring.provisioner.lookup;

import io.mooring.runtime.http.ProblemException;

import java.util.UUID;

/**
 * A path segment that names a host or an account either by its id or by its name: a UUID is an id,
 * a DNS label a name (names never parse as UUIDs: those have 36 characters with four dashes in
 * fixed places, and a name would have to look exactly like one).
 */
public sealed interface IdOrName {

    record Id(UUID id) implements IdOrName {
    }

    record Name(String name) implements IdOrName {
    }

    /** The segment as an id or a name; 400 naming {@code field} when it is neither. */
    static IdOrName parse(String value, String field) {
        if (value.length() == 36) {
            try {
                return new Id(UUID.fromString(value));
            } catch (IllegalArgumentException notAnId) {
                // fall through: it may still be a name
            }
        }
        if (NameFilter.isName(value)) {
            return new Name(value);
        }
        throw ProblemException.invalid(field, "must be an id (UUID) or a name (lowercase DNS label)");
    }
}
