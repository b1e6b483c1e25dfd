package io.mooring.runtime.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import io.micronaut.serde.config.annotation.SerdeConfig;
import io.micronaut.serde.exceptions.InvalidFormatException;
import io.micronaut.serde.exceptions.SerdeException;
import io.micronaut.serde.exceptions.path.CollectionItemReferencePath;
import io.micronaut.serde.exceptions.path.MapItemReferencePath;
import io.micronaut.serde.exceptions.path.ReferencePath;
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
        Optional<Problem.FieldError> json = context.getRootCause().flatMap(ProblemBodyProvider::jsonValueError);
        if (json.isPresent()) {
            return new Problem(Problem.type(slug(status)), status.getReason(), status.getCode(),
                    json.get().field() + ": " + json.get().message(), context.getRequest().getPath(), List.of(json.get()));
        }
        List<Problem.FieldError> errors = context.getErrors().stream()
                .map(e -> unknownProperty(e.getMessage())
                        .map(name -> new Problem.FieldError(name, UNKNOWN_FIELD))
                        .orElseGet(() -> new Problem.FieldError(e.getPath().map(ProblemBodyProvider::field).orElse("request"),
                                e.getMessage())))
                .toList();
        String detail = errors.stream().findFirst()
                .map(e -> e.message().equals(UNKNOWN_FIELD) ? e.field() + ": " + UNKNOWN_FIELD : e.message())
                .orElse(status.getReason());
        return new Problem(Problem.type(slug(status)), status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors.isEmpty() ? null : errors);
    }

    @Override
    public String contentType() {
        return Problem.MEDIA_TYPE;
    }

    /** What a field the request type does not have is told. */
    public static final String UNKNOWN_FIELD = "is not a field of this request";

    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Unknown property \\[([^\\]]+)\\]");

    /** The name of a property the client sent that the request type does not have. */
    public static Optional<String> unknownProperty(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher matcher = UNKNOWN_PROPERTY.matcher(message);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A JSON value refused by a deserializer, with the path of its field ({@code name}, {@code tags[1]}). */
    public static Optional<Problem.FieldError> jsonValueError(Throwable error) {
        List<ReferencePath> path = List.of();
        String message = null;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SerdeException serde && path.isEmpty() && !serde.getPath().isEmpty()) {
                path = serde.getPath();
            }
            if (t instanceof InvalidFormatException) {
                message = t.getMessage();
            }
        }
        if (path.isEmpty() || message == null) {
            return Optional.empty();
        }
        StringBuilder field = new StringBuilder();
        // serde lists the path from the refused value outwards
        for (ReferencePath step : path.reversed()) {
            switch (step) {
                case CollectionItemReferencePath item -> field.append('[').append(item.index()).append(']');
                case MapItemReferencePath item -> field.append('[').append(item.key()).append(']');
                default -> field.append(field.isEmpty() ? "" : ".").append(jsonName(step.getArgument()));
            }
        }
        return Optional.of(new Problem.FieldError(field.toString(), message));
    }

    /** The field's name in JSON: its {@code @JsonProperty} name when it has one (a Java keyword such as {@code public}). */
    private static String jsonName(io.micronaut.core.type.Argument<?> argument) {
        return argument.getAnnotationMetadata().stringValue(SerdeConfig.class, SerdeConfig.PROPERTY)
                .or(() -> argument.getAnnotationMetadata().stringValue("com.fasterxml.jackson.annotation.JsonProperty"))
                .orElse(argument.getName());
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
