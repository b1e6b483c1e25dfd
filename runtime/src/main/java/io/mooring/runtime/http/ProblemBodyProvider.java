package io.mooring.runtime.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the framework's own errors (routing, binding, validation) as problem+json. */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        HttpStatus status = response.status();
        if (status.getCode() >= 500) {
            // what went wrong inside stays in the log, not in the answer
            return new Problem(Problem.type("internal"), status.getReason(), status.getCode(),
                    "the service failed to handle the request; see its log", context.getRequest().getPath(), null);
        }
        List<Problem.FieldError> errors = context.getErrors().stream()
                .map(e -> new Problem.FieldError(unknownProperty(e.getMessage())
                        .orElseGet(() -> e.getPath().map(ProblemBodyProvider::field).orElse("request")), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return new Problem(Problem.type(slug(status)), status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors.isEmpty() ? null : errors);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)\\]");

    /** The name of a property the client sent that the request type does not have. */
    static Optional<String> unknownProperty(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = UNKNOWN_PROPERTY.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String field(String path) {
        // validation paths look like "create.request.name": keep what follows the method argument
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", Arrays.copyOfRange(parts, 2, parts.length)) : path;
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "validation";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case CONFLICT -> "conflict";
            default -> status.getCode() >= 500 ? "internal" : "http-" + status.getCode();
        };
    }
}
