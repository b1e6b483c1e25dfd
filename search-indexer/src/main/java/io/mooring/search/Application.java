package io.mooring.search;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;

@OpenAPIDefinition(info = @Info(title = "Mooring search-indexer", version = "v1",
        description = "Full-text search of posts, and the searchable timeline of everything that happened on the platform"),
        security = @SecurityRequirement(name = "bearer"),
        tags = {
                @Tag(name = "events", description = "The searchable timeline of platform events"),
                @Tag(name = "search", description = "Full-text search of posts, with the visibility rules of the account asking"),
                @Tag(name = "indices", description = "Index management: zero-downtime reindex operations"),
                @Tag(name = "statuses", description = "Removing posts from search (Mastodon sends no webhook for deletions)"),
                @Tag(name = "webhooks", description = "Signed Mastodon admin webhooks: posts into search (no bearer token)")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An operator token (may change things), a read-only token (may only read) or a search token (a trusted"
                + " front end: may only search posts, naming the account it searches for)")
public class Application {
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
