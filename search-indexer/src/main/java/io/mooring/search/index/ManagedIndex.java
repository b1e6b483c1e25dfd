package io.mooring.search.index;

import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An index this service creates and writes, reached only through its alias so that a new version
 * can be built next to the old one and swapped in.
 *
 * @param alias   what every read and write names, e.g. {@code ops-events}
 * @param name    the concrete, versioned index, e.g. {@code ops-events-v1}
 * @param mapping the explicit mapping of {@code name}
 */
public record ManagedIndex(String alias, String name, TypeMapping mapping) {
    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,200}");

    public ManagedIndex {
        requireIndexName(alias, "alias");
        requireIndexName(name, "name");
        if (alias.equals(name)) {
            throw new IllegalArgumentException("alias and index name must differ, both were " + name);
        }
        Objects.requireNonNull(mapping, "mapping");
    }

    /** {@code <prefix><base>} behind alias, {@code <prefix><base>-v<version>} as the index. */
    public static ManagedIndex versioned(String prefix, String base, int version, TypeMapping mapping) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, was " + version);
        }
        return new ManagedIndex(prefix + base, prefix + base + "-v" + version, mapping);
    }

    private static void requireIndexName(String value, String field) {
        if (value == null || !INDEX_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a lowercase index name, was '" + value + "'");
        }
    }
}
