package io.mooring.provisioner.operation;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.mooring.runtime.auth.Scope;
import io.mooring.runtime.http.ProblemException;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "operations")
@Controller("/v1/operations")
public class OperationController {
    private final OperationRepository operations;
    private final OneTimeResults results;

    public OperationController(OperationRepository operations, OneTimeResults results) {
        this.operations = operations;
        this.results = results;
    }

    /**
     * The operation. The first read with an operator token of a succeeded operation carries its
     * one-time result (e.g. credentials), which is then wiped; read-only tokens never see it.
     */
    @Get("/{id}")
    public OperationView get(@PathVariable UUID id, HttpRequest<?> request) {
        Operation operation = operations.findById(id).orElseThrow(() -> ProblemException.notFound("operation", id));
        OperationView view = OperationView.of(operation);
        boolean operator = request.getAttribute(Scope.ATTRIBUTE, Scope.class).orElse(Scope.READ) == Scope.OPERATOR;
        if (operator && view.resultAvailable() && operation.state() == Operation.State.SUCCEEDED) {
            Optional<Map<String, String>> taken = results.take(id);
            if (taken.isPresent()) {
                return view.withResult(taken.get());
            }
        }
        return view;
    }
}
