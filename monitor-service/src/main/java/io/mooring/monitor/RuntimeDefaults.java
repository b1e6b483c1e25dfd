package io.mooring.monitor;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Adds runtime's {@code mooring-defaults.yml} below every other property source. Runtime's own
 * {@code MooringDefaults} loader finds no file: it declares no extensions, and the YAML loader it
 * extends looks for {@code mooring-defaults.<extension>} only. Delete this class once runtime loads the
 * file itself; until then both would load the same values, which is harmless.
 */
@ContextConfigurer
public class RuntimeDefaults implements ApplicationContextConfigurer {
    private static final String FILE = "mooring-defaults.yml";
    private static final int ORDER = Integer.MIN_VALUE + 1000;

    @Override
    public void configure(ApplicationContextBuilder builder) {
        try (InputStream in = RuntimeDefaults.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the classpath: is runtime a dependency?");
            }
            builder.propertySources(PropertySource.of("mooring-defaults", new YamlPropertySourceLoader().read(FILE, in), ORDER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
