package io.mooring.search.opensearch;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach OpenSearch, under {@code mooring.opensearch}: its URL, HTTP basic credentials
 * (sent only over https) and the CA that signed its certificate when it is not a public one.
 */
@ConfigurationProperties("mooring.opensearch")
public class OpenSearchSettings {
    private URI url = URI.create("http://127.0.0.1:9200");
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private String username;
    private String password;
    private String caFile;

    /** {@code http(s)://host:port}, optionally with a path prefix (a reverse proxy). */
    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("mooring.opensearch.url must be an http(s) URL with a host, was " + url);
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("mooring.opensearch.url must not carry credentials: "
                    + "set mooring.opensearch.username and mooring.opensearch.password");
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

    /** User for HTTP basic authentication; empty means none. */
    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** PEM file of the CA(s) that signed the server certificate; empty means the JDK trust store. */
    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    boolean hasCredentials() {
        return username != null && !username.isBlank();
    }

    boolean hasCaFile() {
        return caFile != null && !caFile.isBlank();
    }

    /**
     * Refuses settings that would send credentials in clear or name a CA that is never used.
     */
    void check() {
        boolean https = "https".equals(url.getScheme());
        if (hasCredentials() && !https) {
            throw new IllegalArgumentException("mooring.opensearch.username is set but mooring.opensearch.url is " + url
                    + ": credentials are only sent over https");
        }
        if (!hasCredentials() && password != null && !password.isEmpty()) {
            throw new IllegalArgumentException("mooring.opensearch.password is set without mooring.opensearch.username");
        }
        if (hasCaFile() && !https) {
            throw new IllegalArgumentException("mooring.opensearch.ca-file is set but mooring.opensearch.url is " + url
                    + ", not https");
        }
    }

    @Override
    public String toString() {
        return "OpenSearchSettings[url=" + url + ", username=" + username + ", password="
                + (password == null || password.isEmpty() ? "(none)" : "(hidden)") + ", caFile=" + caFile + "]";
    }
}
