package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;

/**
 * A run, restore or verification request that cannot be carried out as asked: {@code field} names the offending
 * request field (a 400), or is null when the state of things forbids it (a 409).
 */
public class RunRefused extends RuntimeException {
    private final String slug;
    private final String field;

    public RunRefused(String slug, @Nullable String field, String message) {
        super(message);
        this.slug = slug;
        this.field = field;
    }

    public String slug() {
        return slug;
    }

    @Nullable
    public String field() {
        return field;
    }
}
