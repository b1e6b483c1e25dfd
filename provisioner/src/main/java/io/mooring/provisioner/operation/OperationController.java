package io.mooring.provisioner.operation;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.mooring.runtime.http.ProblemException;

import java.util.UUID;

@Controller("/v1/operations")
public class OperationController {
    private final OperationRepository operations;

    public OperationController(OperationRepository operations) {
        this.operations = operations;
    }

    @Get("/{id}")
    public Operation get(@PathVariable UUID id) {
        return operations.findById(id).orElseThrow(() -> ProblemException.notFound("operation", id));
    }
}
