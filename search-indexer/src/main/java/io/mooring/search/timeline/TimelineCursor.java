package io.mooring.search.timeline;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the timeline ended: the sort values (time in epoch milliseconds, then id) of its
 * last entry. Travels as an opaque URL-safe string; clients pass it back unchanged.
 */
public record TimelineCursor(long timeMillis, String id) {
    private static final String VERSION = "v1";

    public TimelineCursor {
        if (id == null || id.isBlank() || id.indexOf('|') >= 0) {
            throw new IllegalArgumentException("id must be non-blank without '|', was '" + id + "'");
        }
    }

    public String encode() {
        String plain = VERSION + "|" + timeMillis + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #encode()} produced, or an {@link IllegalArgumentException}. */
    public static TimelineCursor decode(String encoded) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64url", e);
        }
        String[] parts = plain.split("\\|", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a timeline cursor");
        }
        try {
            return new TimelineCursor(Long.parseLong(parts[1]), parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a timeline cursor", e);
        }
    }
}
