package io.mooring.provisioner.resource.work;

import io.mooring.provisioner.operation.Operation;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.ResourceService;

/** An operation a worker holds (until its lease ends) and the resource it works on. */
public record Claim(Operation operation, Resource resource) {

    public boolean creates() {
        return ResourceService.CREATE.equals(operation.kind());
    }

    public boolean rotates() {
        return ResourceService.ROTATE_CREDENTIALS.equals(operation.kind());
    }

    public String step() {
        return creates() ? ResourceService.PROVISION_STEP : rotates() ? ResourceService.ROTATE_STEP : ResourceService.DEPROVISION_STEP;
    }

    public int attempt() {
        return operation.attempts();
    }
}
