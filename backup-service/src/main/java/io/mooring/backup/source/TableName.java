package io.mooring.backup.source;

import java.util.Objects;

/** A table by schema and name, as the catalog spells them (unquoted). */
public record TableName(String schema, String name) {
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code schema.name}: how manifests key their row counts. */
    public String key() {
        return schema + "." + name;
    }
}
