package io.mooring.runtime.postgres;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Applies {@link PostgresTlsSettings} to every datasource of a service, before its pool opens a
 * connection, so that each service's own database and Flyway speak TLS the same way.
 */
@Singleton
@Requires(classes = DatasourceConfiguration.class)
class DatasourceTls implements BeanCreatedEventListener<DatasourceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(DatasourceTls.class);
    private final PostgresTlsSettings settings;

    DatasourceTls(PostgresTlsSettings settings) {
        this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        Map<String, String> properties = settings.connectionProperties();
        properties.forEach(datasource::addDataSourceProperty);
        if (!properties.isEmpty()) {
            LOG.info("datasource {}: {}", datasource.getName(), properties);
        }
        return datasource;
    }
}
