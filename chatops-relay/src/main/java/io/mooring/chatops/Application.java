package io.mooring.chatops;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring chatops-relay", version = "v1",
        description = "Posts platform events to Slack, Matrix and generic webhooks"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "targets", description = "Chat targets"),
                @Tag(name = "routes", description = "Which events go to which chat targets"),
                @Tag(name = "deliveries", description = "The log of messages delivered to chat"),
                @Tag(name = "webhooks", description = "Signed Slack and Mattermost slash commands (no bearer token)")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things) or a read-only token (may only read)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
