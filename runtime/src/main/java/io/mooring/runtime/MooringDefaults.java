package io.mooring.runtime;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code mooring-defaults.yml}, the settings every service shares, below each service's own
 * {@code application.yml}, the environment and system properties.
 */
public final class MooringDefaults extends YamlPropertySourceLoader {
    static final String RESOURCE = "mooring-defaults.yml";
    private static final int ORDER = Integer.MIN_VALUE + 1000;

    @Override
    public Set<String> getExtensions() {
        // only loads its own file, never application.yml or config files named by the user
        return Set.of();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!"application".equals(resourceName)) {
            return Optional.empty();
        }
        Optional<InputStream> stream = resourceLoader.getResourceAsStream(RESOURCE);
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream input = stream.get()) {
            Map<String, Object> values = read(RESOURCE, input);
            return Optional.of(PropertySource.of("mooring-defaults", values, ORDER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader, ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }
}
