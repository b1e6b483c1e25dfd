package io.mooring.search.timeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An event body made searchable: parsed as JSON into {@code data}, and its values (not its keys)
 * joined into {@code text}. A body that is not JSON keeps no {@code data} and becomes the text itself.
 * Personal data is left out of both ({@link PersonalData}).
 *
 * @param data the body as a JSON object, null when the body is empty, {@code null} or not JSON
 * @param text at most {@link #MAX_TEXT} characters
 */
record DataText(@Nullable Map<String, Object> data, String text) {
    /** Keeps one huge event from making a huge document; the whole body stays in {@code data}. */
    static final int MAX_TEXT = 32_000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    static DataText of(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return new DataText(null, "");
        }
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return new DataText(null, truncate(PersonalData.scrub(new String(raw, StandardCharsets.UTF_8))));
        }
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new DataText(null, "");
        }
        body = PersonalData.strip(body);
        Map<String, Object> data = body.isObject()
                ? JSON.convertValue(body, OBJECT)
                : Map.of("value", JSON.convertValue(body, Object.class));
        StringBuilder text = new StringBuilder();
        appendValues(body, text);
        return new DataText(data, truncate(text.toString()));
    }

    private static void appendValues(JsonNode node, StringBuilder text) {
        if (text.length() >= MAX_TEXT) {
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> appendValues(child, text));
        } else if (!node.isNull()) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(node.asText());
        }
    }

    private static String truncate(String text) {
        if (text.length() <= MAX_TEXT) {
            return text;
        }
        // never split a surrogate pair
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return text.substring(0, end);
    }
}
