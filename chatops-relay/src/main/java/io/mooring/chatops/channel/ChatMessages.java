package io.mooring.chatops.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.message.Notification;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a {@link Notification} into a {@link ChatMessage}: a header from the event type
 * ({@code mooring.monitoring.incident.opened.v1} → {@code 🚨 Incident opened}), the message, a context line (time and
 * type), links to the status page and the API resource when their base URLs are set, and for incidents the thread
 * they belong to.
 */
@Singleton
public class ChatMessages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final Pattern VERSION = Pattern.compile("\\.v[0-9]+$");

    private final @Nullable String statusPage;
    private final @Nullable String apiBase;

    public ChatMessages(ChannelSettings settings) {
        this.statusPage = baseUrl(settings.getStatusPageUrl(), "mooring.chatops.channels.status-page-url");
        this.apiBase = baseUrl(settings.getApiBaseUrl(), "mooring.chatops.channels.api-base-url");
    }

    public ChatMessage of(Notification notification) {
        JsonNode data = data(notification.data());
        String type = notification.type();
        String event = event(type);
        Incident found = incident(event, data, notification.time());
        List<ChatMessage.Link> links = new ArrayList<>();
        if (statusPage != null && type.startsWith("mooring.monitoring.")) {
            links.add(new ChatMessage.Link("Status page", statusPage));
        }
        String resource = resource(type, event, notification.subject(), data);
        if (apiBase != null && resource != null) {
            links.add(new ChatMessage.Link("API", apiBase + resource));
        }
        String context = MINUTES.format(notification.time().withOffsetSameInstant(ZoneOffset.UTC)) + " · " + type;
        return new ChatMessage(header(notification.message(), type, event), notification.message(), context, links,
                found == null ? null : found.reference(), found == null ? null : found.incident());
    }

    private record Incident(ChatMessage.Incident incident, @Nullable String reference) {
    }

    /** {@code incident.opened} of {@code mooring.monitoring.incident.opened.v1}: the type without area and version. */
    private static String event(String type) {
        String[] parts = VERSION.matcher(type).replaceFirst("").split("\\.", 3);
        return parts.length == 3 ? parts[2] : type;
    }

    private static @Nullable Incident incident(String event, JsonNode data, OffsetDateTime time) {
        String id = text(data, "incidentId");
        if (id == null || !event.startsWith("incident.")) {
            return null;
        }
        if (event.equals("incident.opened")) {
            return new Incident(new ChatMessage.Incident(id, ChatMessage.Stage.OPENED), null);
        }
        ChatMessage.Stage stage = switch (event) {
            case "incident.updated" -> ChatMessage.Stage.UPDATED;
            case "incident.reminded" -> ChatMessage.Stage.REMINDED;
            case "incident.resolved" -> ChatMessage.Stage.RESOLVED;
            default -> null;
        };
        if (stage == null) {
            return null;
        }
        long open = data.path(stage == ChatMessage.Stage.RESOLVED ? "durationSeconds" : "openSeconds").asLong(-1);
        String reference = open < 0 ? "(incident " + id + ")"
                : "(opened " + MINUTES.format(happened(data, time).withOffsetSameInstant(ZoneOffset.UTC).minusSeconds(open)) + ")";
        return new Incident(new ChatMessage.Incident(id, stage), reference);
    }

    /** An update's own {@code at} (it may be written later than its check ran), else the event's time. */
    private static OffsetDateTime happened(JsonNode data, OffsetDateTime time) {
        String at = text(data, "at");
        if (at == null) {
            return time;
        }
        try {
            return OffsetDateTime.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            return time;
        }
    }

    /** The icon the message starts with, and what happened, e.g. {@code 🚨 Incident opened}. */
    private static String header(String message, String type, String event) {
        int space = message.indexOf(' ');
        String icon = space > 0 && !Character.isLetterOrDigit(message.codePointAt(0)) ? message.substring(0, space) + " " : "";
        String words = event.replace('.', ' ').replace('-', ' ');
        if (type.startsWith("mooring.backups.") && !words.startsWith("backup")) {
            words = "backup " + words;
        }
        return icon + Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The API path of what the event is about, when there is one to link. */
    private static @Nullable String resource(String type, String event, String subject, JsonNode data) {
        String area = type.startsWith("mooring.") ? type.split("\\.")[1] : "";
        String noun = event.split("\\.")[0];
        return switch (area + "/" + noun) {
            case "provisioning/account" -> path("accounts", text(data, "accountId"));
            case "provisioning/host" -> path("hosts", text(data, "hostId"));
            case "monitoring/incident" -> path("incidents", text(data, "incidentId"));
            case "monitoring/monitor", "monitoring/heartbeat" -> path("monitors", text(data, "monitorId"));
            case "backups/run" -> path("runs", text(data, "runId"));
            case "backups/policy" -> path("policies", text(data, "policyId"));
            default -> null;
        };
    }

    private static @Nullable String path(String collection, @Nullable String id) {
        return id == null ? null : "/v1/" + collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    private static @Nullable String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static JsonNode data(byte[] raw) {
        try {
            return raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static @Nullable String baseUrl(@Nullable String value, String setting) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw new ConfigurationException(setting + " must be an absolute http(s) URL without user info");
            }
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting + " is not a valid URL: " + e.getReason());
        }
        String url = value.strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
