package io.mooring.provisioner.desiredstate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A strong entity tag: the SHA-256 of a representation's bytes, so it changes exactly when they do.
 *
 * @param opaque the tag without quotes
 */
record EntityTag(String opaque) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    EntityTag {
        Objects.requireNonNull(opaque, "opaque");
        if (!HEX.matcher(opaque).matches()) {
            throw new IllegalArgumentException("not a SHA-256 entity tag: " + opaque);
        }
    }

    static EntityTag of(byte[] content) {
        try {
            return new EntityTag(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static EntityTag of(String content) {
        return of(content.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code ETag} header value. */
    String header() {
        return "\"" + opaque + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header names this tag: {@code *}, or a list of tags compared
     * weakly, as RFC 9110 says for that header ({@code W/"x"} matches {@code "x"}). Bare tokens
     * without quotes are accepted too, for clients that echo the body's {@code etag}.
     */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
