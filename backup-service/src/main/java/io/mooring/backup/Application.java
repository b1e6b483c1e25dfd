package io.mooring.backup;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring backup-service", version = "v1",
        description = "Backup policies of the accounts of a Mooring platform"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "policies", description = "Backup policies: what is backed up, when, and for how long"),
                @Tag(name = "runs", description = "Backup runs, restores and verifications, as operations")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things) or a read-only token (may only read)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
