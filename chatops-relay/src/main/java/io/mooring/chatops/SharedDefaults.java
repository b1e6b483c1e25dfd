package io.mooring.chatops;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * Loads runtime's {@code mooring-defaults.yml} below this service's settings. Workaround: runtime's
 * own {@code MooringDefaults} loader declares no file extensions, so the YAML loader it extends
 * never finds the file and the shared defaults (public health and metrics paths, health details,
 * Prometheus export) are missing. Delete this class and its service entry once runtime loads them.
 */
public final class SharedDefaults extends YamlPropertySourceLoader {
    private static final String NAME = "mooring-defaults";
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
        return resourceLoader.getResourceAsStream(NAME + ".yml").map(this::read);
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader,
                                            ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    private PropertySource read(InputStream input) {
        try (input) {
            return PropertySource.of(NAME, read(NAME, input), ORDER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + NAME + ".yml", e);
        }
    }
}
