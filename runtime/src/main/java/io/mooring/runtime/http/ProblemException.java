package io.mooring.runtime.http;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** Thrown by API code to answer with a problem: a 4xx that says what is wrong. */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(HttpStatus status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(HttpStatus.CONFLICT, slug, "Conflict", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status.getCode(), getMessage(), instance, errors.isEmpty() ? null : errors);
    }
}
