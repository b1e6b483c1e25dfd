package io.mooring.search.opensearch;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/** How to reach OpenSearch, under {@code mooring.opensearch}. */
@ConfigurationProperties("mooring.opensearch")
public class OpenSearchSettings {
    private URI url = URI.create("http://127.0.0.1:9200");
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration responseTimeout = Duration.ofSeconds(30);

    /** {@code http(s)://host:port}, optionally with a path prefix (a reverse proxy). */
    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("mooring.opensearch.url must be an http(s) URL with a host, was " + url);
        }
        this.url = url;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The longest wait for an answer once connected. */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }
}
