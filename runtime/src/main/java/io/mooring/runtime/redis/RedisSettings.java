package io.mooring.runtime.redis;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Redis connection settings under {@code mooring.redis}. TLS ({@code rediss://}) with the server
 * certificate verified against {@code ca-file} is the only mode unless {@code allow-plaintext} is set.
 */
@ConfigurationProperties("mooring.redis")
public class RedisSettings {
    private String uri;
    private String caFile;
    private boolean allowPlaintext;
    private Duration timeout = Duration.ofSeconds(5);

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    /** PEM file of the CA that signed the Redis server certificate; empty means the JDK trust store. */
    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public boolean isAllowPlaintext() {
        return allowPlaintext;
    }

    public void setAllowPlaintext(boolean allowPlaintext) {
        this.allowPlaintext = allowPlaintext;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
