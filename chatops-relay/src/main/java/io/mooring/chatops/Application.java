package io.mooring.chatops;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Mooring chatops-relay", version = "v1",
        description = "Posts platform events to Slack, Matrix and generic webhooks"))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
