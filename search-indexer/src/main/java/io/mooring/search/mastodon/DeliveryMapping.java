package io.mooring.search.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;
import io.mooring.events.EventCatalog;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusUpdated;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a Mastodon webhook delivery ({@code {"event", "created_at", "object"}}) into status and author events.
 * Every event is a function of the delivery alone: its CloudEvents id is a name-based UUID of the
 * instance, type, status (or account) id and version, and its time that version, so a delivery Mastodon
 * retries produces the very same events.
 */
final class DeliveryMapping {
    /** The CloudEvents source of what the webhook publishes. */
    static final String EVENT_SOURCE = EventEnvelope.sourceOf("search-indexer");
    private static final NameBasedGenerator IDS = Generators.nameBasedGenerator(
            UUID.fromString("5b0f3a56-3c1e-4f0e-9a44-6d2f4b1a7c11"));
    // the events' field -> the Status entity's, for the records' own checks
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("statusId", "id"), Map.entry("accountId", "account.id"), Map.entry("authorHandle", "account.acct"),
            Map.entry("content", "content"), Map.entry("language", "language"), Map.entry("visibility", "visibility"),
            Map.entry("mentions", "mentions"), Map.entry("tags", "tags"), Map.entry("url", "url"),
            Map.entry("inReplyToId", "in_reply_to_id"), Map.entry("inReplyToAccountId", "in_reply_to_account_id"));

    private DeliveryMapping() {
    }

    /** What a delivery asks for: the Mastodon event name, and the events to publish (none for an event not indexed). */
    record Delivery(String event, List<EventEnvelope> events) {
    }

    static Delivery read(JsonNode body, String instance) throws MalformedDelivery {
        if (body == null || !body.isObject()) {
            throw new MalformedDelivery("body", "must be a JSON object");
        }
        JsonNode name = body.get("event");
        if (name == null || !name.isTextual() || name.textValue().isBlank()) {
            throw new MalformedDelivery("event", "must be a non-blank string");
        }
        String event = name.textValue();
        return switch (event) {
            case "status.created", "status.updated" ->
                    new Delivery(event, statusEvents(new StatusEntity(body.get("object"), "object"), event, instance));
            case "account.updated" -> new Delivery(event, authorEvents(body, instance));
            default -> new Delivery(event, List.of());
        };
    }

    /**
     * The author's opt-in to search from an {@code account.updated} delivery (its object is Mastodon's
     * Admin::Account, the Account entity in its {@code account}), versioned by the delivery's time. None
     * from an instance that does not send {@code indexable} (before Mastodon 4.2).
     */
    private static List<EventEnvelope> authorEvents(JsonNode body, String instance) throws MalformedDelivery {
        JsonNode object = body.get("object");
        if (object == null || !object.isObject()) {
            throw new MalformedDelivery("object", "must be an Admin::Account object");
        }
        JsonNode account = object.get("account");
        if (account == null || !account.isObject()) {
            throw new MalformedDelivery("object.account", "must be an Account object");
        }
        String id = text(account, "id", "object.account.id");
        String acct = text(account, "acct", "object.account.acct");
        JsonNode indexable = account.get("indexable");
        if (indexable == null || indexable.isNull()) {
            return List.of();
        }
        if (!indexable.isBoolean()) {
            throw new MalformedDelivery("object.account.indexable", "must be true, false or null");
        }
        String at = text(body, "created_at", "created_at");
        long version;
        try {
            version = OffsetDateTime.parse(at).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new MalformedDelivery("created_at", "must be an ISO 8601 time, was '" + at + "'");
        }
        if (version < 0) {
            throw new MalformedDelivery("created_at", "must not be before 1970");
        }
        try {
            return List.of(envelope(new AuthorUpdated(id, acct, indexable.booleanValue(), instance, version), version));
        } catch (IllegalArgumentException e) {
            throw new MalformedDelivery("object.account", e.getMessage());
        }
    }

    private static String text(JsonNode node, String field, String path) throws MalformedDelivery {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new MalformedDelivery(path, "must be a non-blank string");
        }
        return value.textValue();
    }

    /**
     * The status's own event; for a boost, also the boosted status as it is now, which is what
     * search finds (the boost itself has no words, only the link that lets its author find it).
     */
    private static List<EventEnvelope> statusEvents(StatusEntity status, String event, String instance) throws MalformedDelivery {
        List<EventEnvelope> events = new ArrayList<>();
        StatusEntity boosted = status.reblog();
        events.add(envelope(snapshot(status, event.equals("status.created"), boosted, instance), status.version()));
        if (boosted != null) {
            events.add(envelope(snapshot(boosted, boosted.editedAt() == null, null, instance), boosted.version()));
        }
        return events;
    }

    private static MooringEvent snapshot(StatusEntity status, boolean created, StatusEntity boosted, String instance)
            throws MalformedDelivery {
        String id = status.id();
        String accountId = status.accountId();
        String acct = status.acct();
        // a boost's own content is empty; its words are the boosted status's
        String content = boosted == null ? status.content() : "";
        List<String> mentions = boosted == null ? status.mentions() : List.of();
        List<String> tags = boosted == null ? status.tags() : List.of();
        String language = status.language();
        String visibility = status.visibility();
        OffsetDateTime createdAt = status.createdAt();
        String url = status.url();
        long version = status.version();
        Boolean indexable = status.indexable();
        String inReplyToId = status.inReplyToId();
        String inReplyToAccountId = status.inReplyToAccountId();
        String reblogOfId = boosted == null ? null : boosted.id();
        try {
            return created
                    ? new StatusCreated(id, accountId, acct, content, language, visibility, mentions, tags, createdAt, url,
                    instance, version, indexable, inReplyToId, inReplyToAccountId, reblogOfId)
                    : new StatusUpdated(id, accountId, acct, content, language, visibility, mentions, tags, createdAt, url,
                    instance, version, indexable, inReplyToId, inReplyToAccountId, reblogOfId);
        } catch (IllegalArgumentException e) {
            throw refused(status, e);
        }
    }

    /** An operator's deletion of a status at {@code version}; repeated, it has the same id. */
    static EventEnvelope deletion(String instance, String statusId, String accountId, long version) {
        return envelope(new StatusDeleted(statusId, accountId, instance, version), version);
    }

    private static EventEnvelope envelope(MooringEvent data, long version) {
        String type = EventCatalog.entryOf(data.getClass()).type();
        String source = switch (data) {
            case StatusCreated created -> created.source();
            case StatusUpdated updated -> updated.source();
            case StatusDeleted deleted -> deleted.source();
            case AuthorUpdated author -> author.source();
            default -> throw new IllegalArgumentException("not a content event: " + data.getClass().getSimpleName());
        };
        String name = source + "|" + type + "|" + data.subject() + (data instanceof StatusDeleted ? "" : "|" + version);
        UUID id = IDS.generate(name.getBytes(StandardCharsets.UTF_8));
        OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(version), ZoneOffset.UTC);
        return new EventEnvelope(id, type, EVENT_SOURCE, data.subject(), time, data);
    }

    private static MalformedDelivery refused(StatusEntity status, IllegalArgumentException e) {
        String message = e.getMessage() == null ? "is not valid" : e.getMessage();
        int space = message.indexOf(' ');
        String field = space < 0 ? null : FIELDS.get(message.substring(0, space));
        return field == null
                ? new MalformedDelivery(status.field("id").replaceAll("\\.id$", ""), message)
                : new MalformedDelivery(status.field(field), message.substring(space + 1));
    }
}
