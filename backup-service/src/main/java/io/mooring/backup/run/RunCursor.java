package io.mooring.backup.run;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque position in the run list, the same format as the platform's other cursor pages ({@code v1:<uuid>},
 * base64url): the id of the last run of the previous page.
 */
final class RunCursor {
    private static final String VERSION = "v1:";

    private RunCursor() {
    }

    static String encode(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + lastId).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id the cursor points after; {@link RunRefused} naming {@code cursor} if this API did not hand it out. */
    static UUID decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown cursor version");
            }
            return UUID.fromString(text.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new RunRefused("validation", "cursor", "is not a cursor this API handed out");
        }
    }
}
