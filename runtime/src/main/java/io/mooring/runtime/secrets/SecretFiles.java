package io.mooring.runtime.secrets;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings read from files, as Kubernetes mounts Secrets: the environment variable
 * {@code MOORING_X_FILE} (or the system property {@code mooring.x-file}) names a file whose trimmed
 * content becomes the setting {@code MOORING_X}. Settings that are file paths themselves (names
 * ending in {@code CA_FILE}, {@code CERT_FILE}, {@code CLIENT_KEY_FILE}, {@code TRUSTSTORE_FILE},
 * {@code KEYSTORE_FILE}) are left alone. A setting given both directly and as a file is refused.
 * Values never appear in messages.
 */
public final class SecretFiles implements PropertySourceLoader {
    static final String NAME = "mooring-secret-files";
    /** Above the environment (-200), below system properties (-100). */
    static final int ORDER = EnvironmentPropertySource.POSITION + 50;
    private static final String PREFIX = "MOORING_";
    private static final String SUFFIX = "_FILE";
    private static final List<String> PATH_SETTINGS = List.of("_CA", "_CERT", "_CLIENT_KEY", "_TRUSTSTORE", "_KEYSTORE");

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!"application".equals(resourceName)) {
            return Optional.empty();
        }
        Map<String, Object> values = read(System.getenv(), System.getProperties());
        if (values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MapPropertySource(NAME, values) {
            @Override
            public int getOrder() {
                return ORDER;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        });
    }

    /**
     * The settings named by {@code *_FILE} variables and {@code mooring.*-file} properties, keyed by
     * environment variable name ({@code MOORING_PG_PASSWORD}).
     */
    static Map<String, Object> read(Map<String, String> env, Map<?, ?> systemProperties) {
        Map<String, String> settings = new TreeMap<>();
        systemProperties.forEach((name, value) -> {
            if (name instanceof String property && property.startsWith("mooring.")) {
                settings.put(variableOf(property), String.valueOf(value));
            }
        });
        env.forEach((name, value) -> {
            if (name.startsWith(PREFIX)) {
                settings.putIfAbsent(name, value);
            }
        });
        Map<String, Object> values = new TreeMap<>();
        settings.forEach((fileVariable, path) -> {
            if (!fileVariable.endsWith(SUFFIX) || fileVariable.length() <= PREFIX.length() + SUFFIX.length()) {
                return;
            }
            String variable = fileVariable.substring(0, fileVariable.length() - SUFFIX.length());
            if (PATH_SETTINGS.stream().anyMatch(variable::endsWith)) {
                return;
            }
            if (settings.containsKey(variable)) {
                throw new ConfigurationException(variable + " is set both directly and through " + fileVariable
                        + ": set only one");
            }
            values.put(variable, content(fileVariable, path));
        });
        return values;
    }

    /** {@code mooring.pg.password-file} becomes {@code MOORING_PG_PASSWORD_FILE}. */
    private static String variableOf(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static String content(String fileVariable, String path) {
        if (path == null || path.isBlank()) {
            throw new ConfigurationException(fileVariable + " is empty: it must name a file");
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(fileVariable + "=" + path + " cannot be read: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader, ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    @Override
    public Set<String> getExtensions() {
        return Set.of();
    }

    @Override
    public Map<String, Object> read(String name, InputStream input) {
        return Map.of();
    }
}
