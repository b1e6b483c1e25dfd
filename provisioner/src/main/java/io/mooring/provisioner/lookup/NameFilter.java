package io.mooring.provisioner.lookup;

import io.micronaut.core.annotation.Nullable;
import io.mooring.runtime.http.ProblemException;

import java.util.regex.Pattern;

/**
 * Names as query values: hosts, plans and accounts are named with lowercase DNS labels, so a value
 * that cannot be one is a 400 naming the parameter rather than a search that finds nothing.
 */
public final class NameFilter {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private NameFilter() {
    }

    /** An exact name, or null when the parameter is absent. */
    @Nullable
    public static String exact(@Nullable String value, String field) {
        if (value == null) {
            return null;
        }
        if (!isName(value)) {
            throw ProblemException.invalid(field, "must be a lowercase DNS label (letters, digits and inner dashes, at most 63)");
        }
        return value;
    }

    /** The start of a name, or null when the parameter is absent. */
    @Nullable
    public static String prefix(@Nullable String value, String field) {
        if (value == null) {
            return null;
        }
        if (!PREFIX.matcher(value).matches()) {
            throw ProblemException.invalid(field, "must be the start of a name: 1-63 lowercase letters, digits or dashes, "
                    + "starting with a letter or digit");
        }
        return value;
    }

    public static boolean isName(String value) {
        return NAME.matcher(value).matches();
    }
}
