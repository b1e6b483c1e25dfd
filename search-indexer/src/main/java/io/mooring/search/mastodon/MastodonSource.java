package io.mooring.search.mastodon;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One {@code mooring.search.mastodon.sources.<name>.*} block: a Mastodon instance whose admin webhook
 * posts to {@code /webhooks/mastodon/<name>}. The secret may come from a file
 * ({@code MOORING_SEARCH_MASTODON_SOURCES_<NAME>_SECRET_FILE}, the runtime's secret files).
 */
@EachProperty("mooring.search.mastodon.sources")
public class MastodonSource {
    private final String name;
    private String secret;
    private String instance;

    public MastodonSource(@Parameter String name) {
        this.name = name;
    }

    /** The name in the webhook's URL. */
    public String getName() {
        return name;
    }

    /** The secret set on the webhook in Mastodon's admin UI. */
    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** The instance's host name, as the statuses' {@code source}; defaults to the name. */
    public String getInstance() {
        return instance == null || instance.isBlank() ? name : instance;
    }

    public void setInstance(String instance) {
        this.instance = instance;
    }
}
