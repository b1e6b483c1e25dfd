package io.mooring.provisioner;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring provisioner", version = "v1",
        description = "Hosts, plans and isolated tenant accounts"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "hosts", description = "Hosts that accounts are placed on"),
                @Tag(name = "plans", description = "Plans: the limits of an account"),
                @Tag(name = "accounts", description = "Tenant accounts"),
                @Tag(name = "resources", description = "Databases, Redis namespaces, buckets and sites of an account"),
                @Tag(name = "operations", description = "Long-running operations and their one-time results")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things) or a read-only token (may only read)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
