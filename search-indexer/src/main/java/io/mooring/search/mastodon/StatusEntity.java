package io.mooring.search.mastodon;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields of Mastodon's REST Status entity (and the Account inside it) that the indexer
 * needs, strictly: a field of the wrong JSON type is a {@link MalformedDelivery} naming its path.
 */
final class StatusEntity {
    private final JsonNode node;
    private final String path;

    StatusEntity(JsonNode node, String path) throws MalformedDelivery {
        if (node == null || !node.isObject()) {
            throw new MalformedDelivery(path, "must be a Status object");
        }
        this.node = node;
        this.path = path;
    }

    String id() throws MalformedDelivery {
        return text("id");
    }

    String accountId() throws MalformedDelivery {
        return account().text("id");
    }

    String acct() throws MalformedDelivery {
        return account().text("acct");
    }

    /** {@code null} when the instance does not send it (before Mastodon 4.2). */
    Boolean indexable() throws MalformedDelivery {
        JsonNode value = account().node.get("indexable");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new MalformedDelivery(path + ".account.indexable", "must be true, false or null");
        }
        return value.booleanValue();
    }

    OffsetDateTime createdAt() throws MalformedDelivery {
        return time("created_at", text("created_at"));
    }

    /** {@code null} for a status never edited. */
    OffsetDateTime editedAt() throws MalformedDelivery {
        String value = optionalText("edited_at");
        return value == null ? null : time("edited_at", value);
    }

    /** Grows with every edit: {@code edited_at}, else {@code created_at}, in epoch milliseconds. */
    long version() throws MalformedDelivery {
        OffsetDateTime edited = editedAt();
        long millis = (edited == null ? createdAt() : edited).toInstant().toEpochMilli();
        if (millis < 0) {
            throw new MalformedDelivery(path + (edited == null ? ".created_at" : ".edited_at"), "must not be before 1970");
        }
        return millis;
    }

    /** The HTML content, with a content warning ({@code spoiler_text}) before it so that it is searchable too. */
    String content() throws MalformedDelivery {
        String content = text("content", true);
        String spoiler = optionalText("spoiler_text");
        if (spoiler == null || spoiler.isBlank()) {
            return content;
        }
        return "<p>" + escape(spoiler) + "</p>" + content;
    }

    String visibility() throws MalformedDelivery {
        return text("visibility");
    }

    String language() throws MalformedDelivery {
        return optionalText("language");
    }

    String url() throws MalformedDelivery {
        return optionalText("url");
    }

    String inReplyToId() throws MalformedDelivery {
        return optionalText("in_reply_to_id");
    }

    String inReplyToAccountId() throws MalformedDelivery {
        return optionalText("in_reply_to_account_id");
    }

    List<String> mentions() throws MalformedDelivery {
        return names("mentions", "acct");
    }

    List<String> tags() throws MalformedDelivery {
        return names("tags", "name");
    }

    /** The boosted status of a boost, {@code null} for any other status. */
    StatusEntity reblog() throws MalformedDelivery {
        JsonNode value = node.get("reblog");
        return value == null || value.isNull() ? null : new StatusEntity(value, path + ".reblog");
    }

    private StatusEntity account() throws MalformedDelivery {
        JsonNode value = node.get("account");
        if (value == null || !value.isObject()) {
            throw new MalformedDelivery(path + ".account", "must be an Account object");
        }
        return new StatusEntity(value, path + ".account");
    }

    private List<String> names(String field, String key) throws MalformedDelivery {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new MalformedDelivery(path + "." + field, "must be an array");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            JsonNode name = item.isObject() ? item.get(key) : null;
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                throw new MalformedDelivery(path + "." + field + "[" + i + "]." + key, "must be a non-blank string");
            }
            names.add(name.textValue());
        }
        return names;
    }

    private String text(String field) throws MalformedDelivery {
        return text(field, false);
    }

    private String text(String field, boolean blankAllowed) throws MalformedDelivery {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || (!blankAllowed && value.textValue().isBlank())) {
            throw new MalformedDelivery(path + "." + field, blankAllowed ? "must be a string" : "must be a non-blank string");
        }
        return value.textValue();
    }

    private String optionalText(String field) throws MalformedDelivery {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedDelivery(path + "." + field, "must be a string or null");
        }
        return value.textValue();
    }

    private OffsetDateTime time(String field, String value) throws MalformedDelivery {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedDelivery(path + "." + field, "must be an ISO 8601 time, was '" + value + "'");
        }
    }

    String field(String name) {
        return path + "." + name;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
