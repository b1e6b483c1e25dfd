package io.mooring.runtime.store;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Sets the timeouts of {@link PostgresSettings} on every Hikari data source before its pool is
 * built: the one place where a service's Postgres timeouts are decided. A driver property a service
 * sets itself ({@code datasources.*.data-source-properties}) is kept.
 * <p>
 * Hikari hands out a connection used in the last 500 ms without checking it; on a busy service that
 * is nearly every connection, so a frozen server would hold each request for the whole socket
 * timeout. The pool is therefore told to check every connection it hands out (an empty query,
 * bounded by the validation timeout) unless {@value #ALIVE_BYPASS} is set otherwise.
 */
@Singleton
@Requires(classes = DatasourceConfiguration.class)
class PostgresTimeouts implements BeanCreatedEventListener<DatasourceConfiguration> {
    static final String ALIVE_BYPASS = "com.zaxxer.hikari.aliveBypassWindowMs";
    private final PostgresSettings settings;

    PostgresTimeouts(PostgresSettings settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        // read by Hikari once, when its first pool is created, which is after this
        if (System.getProperty(ALIVE_BYPASS) == null) {
            System.setProperty(ALIVE_BYPASS, "0");
        }
        config.setConnectionTimeout(Math.max(250, settings.getPoolTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, settings.getValidationTimeout().toMillis()));
        putIfAbsent(config, "connectTimeout", seconds(settings.getConnectTimeout()));
        putIfAbsent(config, "loginTimeout", seconds(settings.getConnectTimeout()));
        putIfAbsent(config, "socketTimeout", seconds(settings.getSocketTimeout()));
        putIfAbsent(config, "tcpKeepAlive", "true");
        putIfAbsent(config, "options", "-c statement_timeout=" + settings.getStatementTimeout().toMillis());
        return config;
    }

    private static void putIfAbsent(DatasourceConfiguration config, String name, String value) {
        if (!config.getDataSourceProperties().containsKey(name)) {
            config.addDataSourceProperty(name, value);
        }
    }

    /** pgjdbc counts these in whole seconds; 0 would mean "no timeout". */
    private static String seconds(java.time.Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
