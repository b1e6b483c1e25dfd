package io.mooring.monitor;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Mooring monitor-service", version = "v1",
        description = "Uptime checks, heartbeats, incidents and the status page"))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
