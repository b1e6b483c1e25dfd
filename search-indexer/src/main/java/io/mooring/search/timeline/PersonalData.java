package io.mooring.search.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keeps personal data out of the timeline: it is dropped when an event becomes a document, so no
 * replay or reindex from the topics can bring it back. Fields named like an e-mail address
 * ({@code ownerEmail}, {@code email}, ...) are left out of {@code data} and {@code text}, and an
 * address quoted anywhere else (a suspension reason, an unknown event type) is replaced by
 * {@value #REMOVED}.
 */
final class PersonalData {
    static final String REMOVED = "[e-mail removed]";
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private PersonalData() {
    }

    static boolean isPersonalField(String name) {
        return name.toLowerCase(Locale.ROOT).contains("email");
    }

    /** {@code text} with every e-mail address replaced. */
    static String scrub(String text) {
        return text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll(REMOVED);
    }

    /** Removes personal fields and scrubs the strings of a JSON tree, in place; a bare string is answered scrubbed. */
    static JsonNode strip(JsonNode node) {
        if (node.isTextual()) {
            String scrubbed = scrub(node.asText());
            return scrubbed.equals(node.asText()) ? node : TextNode.valueOf(scrubbed);
        }
        if (node instanceof ObjectNode object) {
            List<String> personal = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (isPersonalField(field.getKey())) {
                    personal.add(field.getKey());
                } else {
                    field.setValue(strip(field.getValue()));
                }
            }
            object.remove(personal);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, strip(node.get(i)));
            }
        }
        return node;
    }
}
