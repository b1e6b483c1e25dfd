package io.mooring.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Constructor checks shared by the event records. Every check throws
 * {@link IllegalArgumentException} (or {@link NullPointerException} for {@link #present}) naming
 * the field, so a bad body surfaces as a readable {@link MalformedEventException}.
 */
public final class Require {

    /** Deliberately loose: the JSON Schemas say {@code format: email}; this only catches obvious garbage. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** The same pattern as the JSON Schemas use for http(s) URLs. */
    public static final Pattern HTTP_URL = Pattern.compile("^https?://[^\\s/?#]+([/?#]\\S*)?$");

    private Require() {
    }

    public static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** A nullable text field: {@code null} is fine, blank is not. */
    public static String optionalText(String value, String name) {
        return value == null ? null : text(value, name);
    }

    public static <T> T present(T value, String name) {
        return Objects.requireNonNull(value, name + " must not be null");
    }

    public static long notNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    public static long positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /** Text matching {@code pattern} in full; {@code expected} says what it should look like. */
    public static String matches(String value, Pattern pattern, String name, String expected) {
        text(value, name);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was '" + value + "'");
        }
        return value;
    }

    public static String email(String value, String name) {
        return matches(value, EMAIL, name, "an email address");
    }

    /** An absolute {@code http} or {@code https} URL with a host. */
    public static String httpUrl(String value, String name) {
        matches(value, HTTP_URL, name, "an http(s) URL");
        if (absoluteUri(value, name).getHost() == null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL with a host, was '" + value + "'");
        }
        return value;
    }

    public static URI absoluteUri(String value, String name) {
        text(value, name);
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute()) {
                throw new IllegalArgumentException(name + " must be an absolute URI, was '" + value + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " must be a URI: " + e.getMessage(), e);
        }
    }

    public static void different(Object first, Object second, String what) {
        if (Objects.equals(first, second)) {
            throw new IllegalArgumentException(what + " must differ, both were '" + first + "'");
        }
    }

    /** An immutable copy of a list of non-blank strings; {@code null} becomes an empty list. */
    public static List<String> texts(List<String> values, String name) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            text(values.get(i), name + "[" + i + "]");
        }
        return List.copyOf(values);
    }

    /**
     * An immutable copy of a string map with non-blank keys and non-null values; {@code null}
     * becomes an empty map.
     */
    public static Map<String, String> labels(Map<String, String> values, String name) {
        if (values == null) {
            return Map.of();
        }
        values.forEach((key, value) -> {
            text(key, name + " key");
            present(value, name + "[" + key + "]");
        });
        return Map.copyOf(values);
    }
}
