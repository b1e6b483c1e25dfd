package io.mooring.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's files as the deployment tests read them: found from the working directory, YAML as JSON trees. */
final class RepositoryFiles {
    static final Path ROOT = findRoot();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RepositoryFiles() {
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (merge keys and anchors resolved), as JSON trees; empty documents left out. */
    static List<JsonNode> yamlDocuments(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(read(file))) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    static JsonNode yaml(Path file) {
        List<JsonNode> documents = yamlDocuments(file);
        if (documents.size() != 1) {
            throw new AssertionError(file + " holds " + documents.size() + " YAML documents, expected one");
        }
        return documents.getFirst();
    }

    /** A property of the root pom, e.g. {@code kafka.version}. */
    static String pomProperty(String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(read(path("pom.xml")));
        if (!m.find()) {
            throw new AssertionError("no <" + name + "> in the root pom");
        }
        return m.group(1).trim();
    }

    /** Flattens a YAML/JSON map of strings, e.g. a compose {@code environment} or a ConfigMap's {@code data}. */
    static Map<String, String> strings(JsonNode map) {
        Map<String, String> values = new java.util.TreeMap<>();
        if (map != null) {
            map.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        return values;
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("runtime")))) {
            dir = dir.getParent();
        }
        return Objects.requireNonNull(dir, "the repository root (with mvnw) above the working directory");
    }
}
