package io.mooring.chatops.webhook;

import io.micronaut.core.annotation.Nullable;
import io.mooring.chatops.queue.TargetDelivery;
import io.mooring.runtime.http.ProblemException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a target sent to the API or written in the targets file must be. Every problem is a 400
 * {@link ProblemException} naming the field ({@code secrets.url}, {@code delivery.burst}, ...); no message echoes a
 * secret.
 */
public final class TargetRules {
    static final int MAX_ENTRIES = 20;
    static final int MAX_SECRET = 4096;
    static final int MAX_OPTION = 500;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

    private TargetRules() {
    }

    /** The secrets a kind takes: the URL of a webhook (which often is the credential), a bearer token, an HMAC key. */
    static List<String> secretsOf(TargetKind kind) {
        return switch (kind) {
            case SLACK, MATRIX_HOOKSHOT -> List.of("url");
            case GENERIC -> List.of("url", "secret");
            case SLACK_API, MATRIX -> List.of("token");
        };
    }

    /** The non-secret fields a kind takes: the Slack channel or Matrix room, and the API's or homeserver's URL. */
    static Set<String> optionsOf(TargetKind kind) {
        return switch (kind) {
            case SLACK, MATRIX_HOOKSHOT, GENERIC -> Set.of();
            case SLACK_API, MATRIX -> Set.of("channel", "url");
        };
    }

    /** The secrets a kind requires. */
    static Set<String> requiredSecretsOf(TargetKind kind) {
        return switch (kind) {
            case SLACK, MATRIX_HOOKSHOT, GENERIC -> Set.of("url");
            case SLACK_API, MATRIX -> Set.of("token");
        };
    }

    /** The options a kind requires ({@code slack-api} defaults its {@code url} to Slack's API). */
    static Set<String> requiredOptionsOf(TargetKind kind) {
        return switch (kind) {
            case SLACK, MATRIX_HOOKSHOT, GENERIC -> Set.of();
            case SLACK_API -> Set.of("channel");
            case MATRIX -> Set.of("channel", "url");
        };
    }

    /** The names of the secrets a target has, as the API shows them (never their values). */
    static List<String> secretNamesOf(WebhookTarget target) {
        List<String> names = new ArrayList<>();
        if (secretsOf(target.kind()).contains("url")) {
            names.add("url");
        }
        if (target.token() != null) {
            names.add("token");
        }
        if (target.secret() != null) {
            names.add("secret");
        }
        return names;
    }

    /** The options of a target, as the API shows them. */
    static Map<String, String> optionsOf(WebhookTarget target) {
        Map<String, String> options = new TreeMap<>();
        if (target.channel() != null) {
            options.put("channel", target.channel());
        }
        if (optionsOf(target.kind()).contains("url")) {
            options.put("url", target.url().toString());
        }
        return options;
    }

    /** Checks {@code spec} and builds the target; {@code source} is {@link ManagedTarget#API} or {@link ManagedTarget#FILE}. */
    public static ManagedTarget check(TargetSpec spec, String source, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
        String name = spec.name();
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "must be set");
        }
        if (!NAME.matcher(name).matches()) {
            throw ProblemException.invalid("name", "must be 1-63 lowercase letters, digits, dashes or underscores, "
                    + "starting with a letter or digit");
        }
        TargetKind kind = kind(spec.kind());
        Map<String, String> secrets = entries("secrets", spec.secrets(), secretsOf(kind), MAX_SECRET, kind);
        for (String required : requiredSecretsOf(kind)) {
            if (!secrets.containsKey(required)) {
                throw ProblemException.invalid("secrets." + required, "must be set for a " + kind.configName() + " target");
            }
        }
        Map<String, String> options = entries("options", spec.options(), List.copyOf(optionsOf(kind)), MAX_OPTION, kind);
        for (String required : requiredOptionsOf(kind)) {
            if (!options.containsKey(required)) {
                throw ProblemException.invalid("options." + required, "must be set for a " + kind.configName() + " target");
            }
        }
        List<String> eventTypes = eventTypes(spec.eventTypes());
        boolean urlIsSecret = secretsOf(kind).contains("url");
        WebhookTarget target;
        try {
            target = WebhookTarget.parse(name, urlIsSecret ? secrets.get("url") : options.get("url"), kind.configName(),
                    eventTypes, secrets.get("token"), options.get("channel"), secrets.get("secret"));
        } catch (IllegalArgumentException e) {
            // WebhookTarget's messages start with the field and never echo the URL or a secret
            String message = e.getMessage() == null ? "is not valid" : e.getMessage();
            int space = message.indexOf(' ');
            String field = space < 0 ? "" : message.substring(0, space);
            String where = switch (field) {
                case "url" -> urlIsSecret ? "secrets.url" : "options.url";
                case "token", "secret" -> "secrets." + field;
                case "channel" -> "options.channel";
                default -> null;
            };
            throw where == null ? ProblemException.invalid("kind", message)
                    : ProblemException.invalid(where, message.substring(space + 1));
        }
        TargetDelivery delivery = TargetDelivery.checked(spec.delivery(), "delivery");
        TargetSpec canonical = new TargetSpec(name, kind.configName(), secrets, options, eventTypes, delivery);
        return new ManagedTarget(target, source, options, List.copyOf(secrets.keySet()), delivery, canonical,
                createdAt, updatedAt);
    }

    private static TargetKind kind(@Nullable String kind) {
        if (kind == null) {
            return TargetKind.GENERIC;
        }
        String known = Arrays.stream(TargetKind.values()).map(TargetKind::configName).toList().toString();
        if (kind.length() > 40) {
            throw ProblemException.invalid("kind", "must be one of " + known);
        }
        try {
            return TargetKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", "must be one of " + known);
        }
    }

    private static Map<String, String> entries(String field, @Nullable Map<String, String> given, List<String> allowed,
                                               int maxLength, TargetKind kind) {
        Map<String, String> checked = new TreeMap<>();
        if (given == null) {
            return checked;
        }
        if (given.size() > MAX_ENTRIES) {
            throw ProblemException.invalid(field, "must have at most " + MAX_ENTRIES + " entries");
        }
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String key = entry.getKey();
            if (!allowed.contains(key)) {
                String shown = key.length() > 40 || !key.matches("[A-Za-z0-9_-]+") ? "this key" : "'" + key + "'";
                throw ProblemException.invalid(field, shown + " is not one of a " + kind.configName() + " target's "
                        + field + ": " + allowed);
            }
            String value = entry.getValue();
            if (value == null || value.isBlank()) {
                throw ProblemException.invalid(field + "." + key, "must not be blank");
            }
            if (value.length() > maxLength) {
                throw ProblemException.invalid(field + "." + key, "must be at most " + maxLength + " characters");
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.invalid(field + "." + key, "must not contain control characters");
            }
            checked.put(key, value.strip());
        }
        return checked;
    }

    private static List<String> eventTypes(@Nullable List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_ENTRIES) {
            throw ProblemException.invalid("eventTypes", "must list at most " + MAX_ENTRIES + " entries");
        }
        List<String> types = new ArrayList<>();
        for (String type : given) {
            if (type == null || !EVENT_TYPE.matcher(type.strip()).matches()) {
                throw ProblemException.invalid("eventTypes", "entries must be event type prefixes such as "
                        + "mooring.monitoring. (lowercase letters, digits, dots, dashes, underscores)");
            }
            if (!types.contains(type.strip())) {
                types.add(type.strip());
            }
        }
        return types;
    }
}
