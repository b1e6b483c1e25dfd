package io.mooring.provisioner;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Mooring provisioner", version = "v1",
        description = "Hosts, plans and isolated tenant accounts"))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
