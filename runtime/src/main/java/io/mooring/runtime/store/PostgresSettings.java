package io.mooring.runtime.store;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How long a service waits for its Postgres ({@code mooring.pg.*}), applied to every data source by
 * {@link PostgresTimeouts}. A store that stops answering then costs a request a few seconds and a
 * 503, never a hang.
 */
@ConfigurationProperties("mooring.pg")
public class PostgresSettings {
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Duration poolTimeout = Duration.ofSeconds(4);
    private Duration validationTimeout = Duration.ofSeconds(1);
    private Duration statementTimeout = Duration.ofSeconds(10);
    private Duration socketTimeout = Duration.ofSeconds(15);
    private Duration healthTimeout = Duration.ofSeconds(1);

    /** TCP connect and login (pgjdbc {@code connectTimeout}, {@code loginTimeout}). */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** How long a request waits for a pooled connection (Hikari {@code connectionTimeout}). */
    public Duration getPoolTimeout() {
        return poolTimeout;
    }

    public void setPoolTimeout(Duration poolTimeout) {
        this.poolTimeout = poolTimeout;
    }

    /** How long the pool waits for an idle connection to prove alive (Hikari {@code validationTimeout}). */
    public Duration getValidationTimeout() {
        return validationTimeout;
    }

    public void setValidationTimeout(Duration validationTimeout) {
        this.validationTimeout = validationTimeout;
    }

    /** The server cancels a statement after this ({@code statement_timeout}); 0 means never. */
    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    /**
     * How long the driver waits for any answer on an open connection (pgjdbc {@code socketTimeout}):
     * what bounds a request when the server is frozen mid-query. Longer than the statement timeout,
     * so that a slow statement is cancelled by the server first.
     */
    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    public void setSocketTimeout(Duration socketTimeout) {
        this.socketTimeout = socketTimeout;
    }

    /** How long {@code /health} waits for Postgres before reporting it DOWN. */
    public Duration getHealthTimeout() {
        return healthTimeout;
    }

    public void setHealthTimeout(Duration healthTimeout) {
        this.healthTimeout = healthTimeout;
    }
}
