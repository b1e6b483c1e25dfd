package io.mooring.search.statuses;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The account a trusted front end searches for: its social application instance (the statuses'
 * {@code source}), its account id there, and its handle there (how statuses mention it).
 */
public record ActingAccount(String source, String accountId, String handle) {
    private static final Pattern VALUE = Pattern.compile("[^\\s\\p{Cntrl}]{1,200}");

    public ActingAccount {
        require(source, "source");
        require(accountId, "accountId");
        require(handle, "handle");
        handle = (handle.startsWith("@") ? handle.substring(1) : handle).toLowerCase(Locale.ROOT);
    }

    /** Whether a value may be a source, account id or handle. */
    static boolean acceptable(String value) {
        return value != null && VALUE.matcher(value).matches();
    }

    private static void require(String value, String field) {
        if (!acceptable(value)) {
            throw new IllegalArgumentException(field + " must be 1 to 200 characters without spaces or control characters");
        }
    }
}
