package io.mooring.runtime;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;

import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code mooring-defaults.yml}, the settings every service shares, below each service's own
 * {@code application.yml}, the environment and system properties.
 */
public final class MooringDefaults extends YamlPropertySourceLoader {

    private static final int ORDER = Integer.MIN_VALUE + 1000;

    @Override
    public Set<String> getExtensions() {
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
        return super.load("mooring-defaults", resourceLoader);
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
                                            io.micronaut.context.env.ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }
}
