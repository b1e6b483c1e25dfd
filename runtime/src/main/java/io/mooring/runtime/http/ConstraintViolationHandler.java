package io.mooring.runtime.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Bean-validation failures as a 400 problem naming each field as the client sent it. */
@Singleton
@Replaces(ConstraintExceptionHandler.class)
public class ConstraintViolationHandler implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException exception) {
        List<Problem.FieldError> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        Problem problem = new Problem(Problem.type("validation"), "Invalid request", HttpStatus.BAD_REQUEST.getCode(),
                detail, request.getPath(), errors);
        return HttpResponse.<Problem>badRequest().contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
    }

    /** The property path below the method parameter ({@code name}, {@code labels[key]}), or the parameter. */
    static String field(ConstraintViolation<?> violation) {
        List<String> below = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && parameter == null) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() != null) {
                below.add(node.getName());
            }
        }
        if (!below.isEmpty()) {
            return String.join(".", below);
        }
        return parameter == null ? "request" : parameter;
    }
}
