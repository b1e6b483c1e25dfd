package io.mooring.monitor;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring monitor-service", version = "v1",
        description = "Uptime checks, heartbeats, incidents and the status page"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "monitors", description = "Probed and heartbeat monitors"),
                @Tag(name = "incidents", description = "Incidents monitors opened, with their timelines"),
                @Tag(name = "heartbeats", description = "Check-ins of heartbeat monitors' jobs (the token is the credential)"),
                @Tag(name = "groups", description = "Groups of monitors; public ones appear on the status page"),
                @Tag(name = "maintenance", description = "Maintenance windows: shown on the status page, no incidents meanwhile"),
                @Tag(name = "status", description = "The public status page, its JSON and badges (no token needed)")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things) or a read-only token (may only read)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
