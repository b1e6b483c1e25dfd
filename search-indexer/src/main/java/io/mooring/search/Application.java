package io.mooring.search;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring search-indexer", version = "v1",
        description = "The searchable timeline of everything that happened on the platform"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "events", description = "The searchable timeline of platform events")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things) or a read-only token (may only read)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
