package io.mooring.platform.deploy;

import io.mooring.platform.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code MOORING_*} environment variables a service reads, derived from its sources and the
 * runtime's ({@code src/main}), so that a deployment file naming anything else fails a test.
 *
 * <p>The properties come from: {@code ${mooring...}} placeholders (in {@code @Value} and in YAML),
 * {@code @Property(name = ...)} and {@code @Requires(property = ...)} names, the setters of
 * {@code @ConfigurationProperties} classes (prefix + kebab-cased setter name; a {@code Map} setter
 * takes any key below it) and of {@code @EachProperty} classes (any name between prefix and setter),
 * and every key under {@code mooring:} in {@code application.yml} and the runtime's
 * {@code mooring-defaults.yml}. A property becomes an environment variable by Micronaut's rule:
 * upper case, {@code .} and {@code -} as {@code _}. {@code MOORING_X_FILE} is read when {@code MOORING_X}
 * is (the runtime's {@code SecretFiles}), except for settings that are paths already. A service
 * without a datasource in its {@code application.yml} reads no {@code mooring.pg.*}: the runtime's
 * Postgres beans need one.
 */
final class ServiceSettings {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(mooring\\.[a-z0-9.-]+)");
    private static final Pattern NAMED = Pattern.compile("(?:@Property\\(\\s*name\\s*=\\s*|@Requires\\(\\s*property\\s*=\\s*)\"(mooring\\.[a-z0-9.-]+)\"");
    private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"(mooring\\.[a-z0-9.-]+)\"");
    private static final Pattern NAMED_CONCAT = Pattern.compile("@Property\\(\\s*name\\s*=\\s*(\\w+)\\s*\\+\\s*\"(\\.[a-z0-9.-]+)\"");
    private static final Pattern CONFIGURATION = Pattern.compile("@ConfigurationProperties\\(\"(mooring\\.[a-z0-9.-]+)\"\\)");
    private static final Pattern EACH = Pattern.compile("@EachProperty\\((?:value\\s*=\\s*)?\"(mooring\\.[a-z0-9.-]+)\"");
    private static final Pattern SETTER = Pattern.compile("void set([A-Z]\\w*)\\(\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)?(\\w+)");
    private static final List<String> PATH_SETTINGS = List.of("_CA", "_CERT", "_CLIENT_KEY", "_TRUSTSTORE", "_KEYSTORE");

    private final Service service;
    private final Set<String> properties;
    private final List<Pattern> variables;

    private ServiceSettings(Service service, Set<String> properties) {
        this.service = service;
        this.properties = properties;
        this.variables = properties.stream().map(ServiceSettings::variablePattern).toList();
    }

    static ServiceSettings of(Service service) {
        Set<String> found = new TreeSet<>();
        for (String module : List.of("runtime", service.id())) {
            Path main = RepositoryFiles.path(module).resolve("src/main");
            for (Path file : files(main)) {
                String text = RepositoryFiles.read(file);
                if (file.toString().endsWith(".java")) {
                    fromJava(text, found);
                } else if (file.toString().endsWith(".yml") || file.toString().endsWith(".yaml")) {
                    fromYaml(file, text, found);
                }
            }
        }
        String application = RepositoryFiles.read(RepositoryFiles.path(service.id()).resolve("src/main/resources/application.yml"));
        if (!application.contains("\ndatasources:")) {
            found.removeIf(p -> p.startsWith("mooring.pg."));
        }
        return new ServiceSettings(service, found);
    }

    Service service() {
        return service;
    }

    Set<String> properties() {
        return properties;
    }

    /** Whether the service reads this environment variable (directly or as a secret file). */
    boolean reads(String variable) {
        if (matches(variable)) {
            return true;
        }
        if (variable.endsWith("_FILE")) {
            String setting = variable.substring(0, variable.length() - "_FILE".length());
            return PATH_SETTINGS.stream().noneMatch(setting::endsWith) && matches(setting);
        }
        return false;
    }

    private boolean matches(String variable) {
        return variables.stream().anyMatch(p -> p.matcher(variable).matches());
    }

    private static void fromJava(String text, Set<String> found) {
        add(PLACEHOLDER.matcher(text), found);
        add(NAMED.matcher(text), found);
        Map<String, String> constants = new java.util.HashMap<>();
        for (Matcher m = CONSTANT.matcher(text); m.find(); ) {
            constants.put(m.group(1), m.group(2));
        }
        for (Matcher m = NAMED_CONCAT.matcher(text); m.find(); ) {
            if (constants.containsKey(m.group(1))) {
                found.add(constants.get(m.group(1)) + m.group(2));
            }
        }
        Matcher configuration = CONFIGURATION.matcher(text);
        Matcher each = EACH.matcher(text);
        String prefix = configuration.find() ? configuration.group(1) : each.find() ? each.group(1) + ".*" : null;
        if (prefix != null) {
            for (Matcher m = SETTER.matcher(text); m.find(); ) {
                String property = prefix + "." + kebab(m.group(1));
                found.add(m.group(2).equals("Map") ? property + ".**" : property);
            }
        }
    }

    private static void fromYaml(Path file, String text, Set<String> found) {
        add(PLACEHOLDER.matcher(text), found);
        for (var document : RepositoryFiles.yamlDocuments(file)) {
            if (document.has("mooring")) {
                keys("mooring", document.get("mooring"), found);
            }
        }
    }

    private static void keys(String prefix, com.fasterxml.jackson.databind.JsonNode node, Set<String> found) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields(); it.hasNext(); ) {
                var entry = it.next();
                keys(prefix + "." + entry.getKey(), entry.getValue(), found);
            }
        } else {
            found.add(prefix);
        }
    }

    private static void add(Matcher m, Set<String> found) {
        while (m.find()) {
            found.add(m.group(1));
        }
    }

    /** {@code MaxConcurrentRuns} becomes {@code max-concurrent-runs}. */
    private static String kebab(String setter) {
        return setter.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** {@code mooring.backup.destinations.*.secret-key} becomes {@code MOORING_BACKUP_DESTINATIONS_[A-Z0-9_]+_SECRET_KEY}. */
    private static Pattern variablePattern(String property) {
        List<String> parts = new ArrayList<>();
        for (String segment : property.split("\\.")) {
            parts.add(switch (segment) {
                case "*", "**" -> "[A-Z0-9_]+";
                default -> Pattern.quote(segment.replace('-', '_').toUpperCase(Locale.ROOT));
            });
        }
        return Pattern.compile(String.join("_", parts));
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
