package io.mooring.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/** The vendored Compose and Kubernetes JSON Schemas ({@code src/test/resources/deploy/schemas}, see its README). */
final class JsonSchemas {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> KUBERNETES = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    static List<String> composeErrors(JsonNode compose) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of("classpath:deploy/schemas/compose-spec.json"));
        return messages(schema.validate(compose));
    }

    /** The errors of a Kubernetes object against the strict schema of its kind; fails for a kind without one here. */
    static List<String> kubernetesErrors(JsonNode object) {
        String file = schemaFile(object.path("apiVersion").asText(), object.path("kind").asText());
        JsonSchema schema = KUBERNETES.computeIfAbsent(file, JsonSchemas::loadKubernetes);
        return messages(schema.validate(object));
    }

    /** {@code apps/v1} {@code Deployment} is {@code deployment-apps-v1.json}, {@code v1} {@code Service} is {@code service-v1.json}. */
    static String schemaFile(String apiVersion, String kind) {
        String version = apiVersion.replace('/', '-').replace(".k8s.io", "");
        return kind.toLowerCase(Locale.ROOT) + "-" + version + ".json.gz";
    }

    private static JsonSchema loadKubernetes(String file) {
        String resource = "deploy/schemas/kubernetes/" + file;
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no Kubernetes schema " + resource + " (vendor it, see deploy/schemas/README.md)");
            }
            ObjectNode schema = (ObjectNode) JSON.readTree(new GZIPInputStream(in));
            // openapi2jsonschema writes the unversioned "http://json-schema.org/schema#"; the schemas are draft-04..07 compatible
            schema.put("$schema", "http://json-schema.org/draft-07/schema#");
            return FACTORY.getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> messages(java.util.Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
