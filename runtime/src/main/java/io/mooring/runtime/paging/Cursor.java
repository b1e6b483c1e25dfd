package io.mooring.runtime.paging;

import io.mooring.runtime.http.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque position in a list ordered by id: the id of the last item of the previous page.
 * Clients pass it back untouched; its format ({@code v1:<uuid>}, base64url) may change.
 */
public final class Cursor {
    private static final String VERSION = "v1:";

    private Cursor() {
    }

    public static String encode(UUID lastId) {
        byte[] text = (VERSION + lastId).getBytes(StandardCharsets.US_ASCII);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
    }

    /** The id a cursor points after, or a 400 problem naming {@code cursor}. */
    public static UUID decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown cursor version");
            }
            return UUID.fromString(text.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
        }
    }
}
