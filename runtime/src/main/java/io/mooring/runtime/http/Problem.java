package io.mooring.runtime.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem body. {@code type} is stable ({@code urn:mooring:problem:<slug>}) so clients
 * can branch on it; {@code errors} names the fields or rules that failed.
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One failed field or rule. */
    @Serdeable
    public record FieldError(String field, String message) {
    }

    public static String type(String slug) {
        return "urn:mooring:problem:" + slug;
    }
}
