package io.mooring.search;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

@OpenAPIDefinition(info = @Info(title = "Mooring search-indexer", version = "v1",
        description = "The searchable timeline of everything that happened on the platform"))
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
