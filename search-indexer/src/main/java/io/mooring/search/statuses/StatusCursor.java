package io.mooring.search.statuses;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of found statuses ended: the sort values of its last status (score for relevance
 * order, creation time in epoch milliseconds, id), and a fingerprint of the search it belongs to,
 * so that it is refused with another search. Travels as an opaque URL-safe string. Its values
 * only position the next page: the visibility rules are applied to every page whatever it says.
 */
record StatusCursor(SearchOrder order, String fingerprint, double score, long createdAt, String id) {
    private static final String VERSION = "s1";

    StatusCursor {
        if (fingerprint == null || !fingerprint.matches("[0-9a-f]{1,16}")) {
            throw new IllegalArgumentException("fingerprint must be hex");
        }
        if (id == null || id.isEmpty() || !Double.isFinite(score)) {
            throw new IllegalArgumentException("a cursor needs an id and a finite score");
        }
    }

    String encode() {
        String plain = String.join("|", VERSION, order.wireName(), fingerprint, Double.toString(score), Long.toString(createdAt), id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #encode()} produced, or an {@link IllegalArgumentException}. */
    static StatusCursor decode(String encoded) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64url", e);
        }
        // the id comes last and may itself hold '|'
        String[] parts = plain.split("\\|", 6);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a status search cursor");
        }
        SearchOrder order = SearchOrder.fromWire(parts[1]).orElseThrow(() -> new IllegalArgumentException("unknown order"));
        try {
            return new StatusCursor(order, parts[2], Double.parseDouble(parts[3]), Long.parseLong(parts[4]), parts[5]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a status search cursor", e);
        }
    }
}
