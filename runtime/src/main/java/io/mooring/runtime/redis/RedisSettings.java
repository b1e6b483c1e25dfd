package io.mooring.runtime.redis;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * Redis connection settings under {@code mooring.redis}. TLS ({@code rediss://}) with the server
 * certificate verified against {@code ca-file} is the only mode unless {@code allow-plaintext} is set.
 * The ACL user and password go in the URI ({@code rediss://user:password@host:port}). The timeouts
 * bound every command, so a Redis that stops answering costs a request seconds, never a hang.
 */
@ConfigurationProperties("mooring.redis")
public class RedisSettings {
    private String uri;
    private String caFile;
    private boolean allowPlaintext;
    private Duration timeout = Duration.ofSeconds(3);
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration healthTimeout = Duration.ofSeconds(1);

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

    /** How long a command waits for its answer (sync and async alike). */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** TCP connect, TLS handshake and login. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long {@code /health} waits for PING before reporting Redis DOWN. */
    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }
}
