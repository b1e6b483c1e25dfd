package io.mooring.backup;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Mooring backup-service", version = "v1",
        description = "Backup policies of the accounts of a Mooring platform"))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
