package io.mooring.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schemas of the event bodies, loaded from the classpath as consumers would. */
final class EventSchemas {

    /** Where the schemas live in the source tree, relative to the module directory. */
    static final Path SOURCE_DIRECTORY = Path.of("src/main/resources/schemas");
    static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    static String resource(String type) {
        return "schemas/" + type + ".json";
    }

    /** The schema document itself, or an AssertionError when the file is missing. */
    static JsonNode document(String type) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
            if (in == null) {
                throw new AssertionError("no schema " + resource(type) + " for " + type);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The validation errors of an event body; empty when it conforms. */
    static List<String> errors(String type, JsonNode body) {
        JsonSchema schema = CACHE.computeIfAbsent(type, t -> {
            document(t);
            return FACTORY.getSchema(SchemaLocation.of("classpath:" + resource(t)), CONFIG);
        });
        return schema.validate(body).stream().map(ValidationMessage::getMessage).toList();
    }

    /** The errors of a schema document against the draft 2020-12 meta-schema. */
    static List<String> metaSchemaErrors(JsonNode document) {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of(DRAFT_2020_12), CONFIG);
        return meta.validate(document).stream().map(ValidationMessage::getMessage).toList();
    }
}
