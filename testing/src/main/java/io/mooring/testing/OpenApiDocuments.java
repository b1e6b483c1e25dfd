package io.mooring.testing;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a service's generated OpenAPI document (under target/classes/META-INF/swagger): it declares
 * the bearer security scheme and applies it, and every operation is grouped by resource with a tag.
 */
public final class OpenApiDocuments {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDocuments() {
    }

    /** The service's document, parsed; fails when there is not exactly one. */
    public static Map<String, Object> load() {
        Path directory = Path.of("target", "classes", "META-INF", "swagger");
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> documents = files.filter(p -> p.getFileName().toString().endsWith(".yml")).toList();
            assertThat(documents).as("OpenAPI documents in " + directory).hasSize(1);
            try (InputStream in = Files.newInputStream(documents.getFirst())) {
                return new Yaml(new LoaderOptions()).load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bearer scheme declared and required by default; every operation tagged with one of the declared tags. */
    @SuppressWarnings("unchecked")
    public static void assertBearerAuthAndTags(Map<String, Object> document) {
        Map<String, Object> components = (Map<String, Object>) document.get("components");
        assertThat(components).as("components").isNotNull();
        Map<String, Object> schemes = (Map<String, Object>) components.get("securitySchemes");
        assertThat(schemes).as("securitySchemes").containsKey("bearer");
        assertThat((Map<String, Object>) schemes.get("bearer")).containsEntry("type", "http").containsEntry("scheme", "bearer");
        assertThat((List<Map<String, Object>>) document.get("security")).as("security applied to every operation")
                .anySatisfy(requirement -> assertThat(requirement).containsKey("bearer"));

        List<String> declared = ((List<Map<String, Object>>) document.get("tags")).stream()
                .map(tag -> (String) tag.get("name")).toList();
        List<String> untagged = new ArrayList<>();
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        assertThat(paths).as("paths").isNotEmpty();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            List<String> tags = (List<String>) ((Map<String, Object>) operation).get("tags");
            if (tags == null || tags.isEmpty() || !declared.containsAll(tags)) {
                untagged.add(method.toUpperCase() + " " + path + " " + tags);
            }
        }));
        assertThat(untagged).as("operations without a declared resource tag").isEmpty();
    }
}
