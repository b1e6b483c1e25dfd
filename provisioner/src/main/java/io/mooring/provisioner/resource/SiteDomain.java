package io.mooring.provisioner.resource;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A site's fully qualified host name, lower case: at least two labels of 1 to 63 letters, digits or
 * inner hyphens, at most 253 characters, a top-level label that is not all digits (so no IP
 * addresses), no wildcards and no trailing dot. Internationalized names are given in punycode.
 */
public record SiteDomain(String value) {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public SiteDomain {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is required for a site");
        }
        if (value.length() > 253) {
            throw new IllegalArgumentException("must be at most 253 characters");
        }
        if (!value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("must be lower case");
        }
        String[] labels = value.split("\\.", -1);
        if (labels.length < 2) {
            throw new IllegalArgumentException("must be a fully qualified host name such as www.example.org");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("'" + label + "' is not a valid host name label "
                        + "(1 to 63 letters, digits or inner hyphens)");
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException("must be a host name, not an IP address");
        }
    }

    /** {@code raw} lower-cased, then validated. */
    public static SiteDomain parse(String raw) {
        return new SiteDomain(raw == null ? null : raw.toLowerCase(Locale.ROOT));
    }
}
