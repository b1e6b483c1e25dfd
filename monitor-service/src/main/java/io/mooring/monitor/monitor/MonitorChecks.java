package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.probe.Check;
import io.mooring.monitor.probe.Endpoint;
import io.mooring.monitor.probe.InvalidSetting;
import io.mooring.monitor.probe.JsonCondition;
import io.mooring.monitor.probe.StatusRange;
import io.mooring.runtime.http.ProblemException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings each kind admits, their defaults, and the probe {@link Check} a monitor runs.
 * Bad settings are a 400 problem naming {@code settings.<field>} (or {@code target}).
 */
public final class MonitorChecks {
    static final String DEFAULT_PG_USER = "mooring_monitor";
    static final int DEFAULT_WARN_DAYS = 14;
    static final int MAX_HEADERS = 20;
    static final int MAX_TEXT = 1024;
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private MonitorChecks() {
    }

    /** The settings with defaults filled in; a 400 naming the first setting the kind does not admit or that cannot work. */
    public static MonitorSettings normalize(MonitorKind kind, @Nullable MonitorSettings given, @Nullable String target) {
        MonitorSettings s = given == null ? MonitorSettings.NONE : given;
        MonitorSettings normalized = switch (kind) {
            case HTTP -> new MonitorSettings(s.method() == null ? "GET" : s.method(),
                    s.headers() == null ? null : headers(s.headers()),
                    statuses(s.expectedStatus()), text("keyword", s.keyword()), s.keywordAbsent(),
                    s.followRedirects() == null ? Boolean.TRUE : s.followRedirects(),
                    s.verifyTls() == null ? Boolean.TRUE : s.verifyTls(),
                    millis(s.degradedAboveMillis()), refuse(kind, "warnDays", s.warnDays()), refuse(kind, "user", s.user()),
                    refuse(kind, "database", s.database()), refuse(kind, "tls", s.tls()),
                    refuse(kind, "expectedAddress", s.expectedAddress()), jsonCondition(s.jsonCondition()),
                    refuse(kind, "credentials", s.credentials()), refuse(kind, "monitorRole", s.monitorRole()));
            case TLS -> onlyFor(kind, s, "warnDays").withWarnDays(s.warnDays() == null ? DEFAULT_WARN_DAYS : s.warnDays());
            case POSTGRES -> {
                onlyFor(kind, s, "user", "database", "tls", "monitorRole");
                if (s.monitorRole() != null) {
                    // the role and its TLS settings are the service's configuration, not the monitor's
                    refuse("settings.user", s.user(), "does not apply with a monitorRole: the role's user logs in");
                    refuse("settings.tls", s.tls(), "does not apply with a monitorRole: its sslmode is configured with the role");
                    yield new MonitorSettings(null, null, null, null, null, null, null, null, null, null,
                            s.database() == null ? "postgres" : s.database(), null, null, null, null, s.monitorRole());
                }
                yield new MonitorSettings(null, null, null, null, null, null, null, null, null,
                        s.user() == null ? DEFAULT_PG_USER : s.user(), s.database() == null ? "postgres" : s.database(),
                        s.tls() == null ? Boolean.FALSE : s.tls(), null);
            }
            case KAFKA -> onlyFor(kind, s, "credentials");
            case REDIS -> {
                onlyFor(kind, s, "tls");
                yield new MonitorSettings(null, null, null, null, null, null, null, null, null, null, null,
                        s.tls() == null ? Boolean.TRUE : s.tls(), null);
            }
            case DNS -> onlyFor(kind, s, "expectedAddress");
            case TCP, HEARTBEAT -> onlyFor(kind, s);
        };
        if (target != null || kind == MonitorKind.HEARTBEAT) {
            // builds the probe once, so whatever it rejects is rejected now, not at the first check
            checkOf(kind, target, normalized);
        }
        return normalized;
    }

    /** The probe a monitor of {@code kind} runs; null for heartbeats, which are not probed. */
    public static @Nullable Check checkOf(MonitorKind kind, @Nullable String target, MonitorSettings s) {
        try {
            return switch (kind) {
                case HTTP -> new Check.Http(URI.create(target), s.method(), s.headers(),
                        s.expectedStatus().stream().map(StatusRange::parse).toList(), s.keyword(),
                        Boolean.TRUE.equals(s.keywordAbsent()), s.followRedirects(), s.verifyTls(),
                        s.degradedAboveMillis() == null ? null : Duration.ofMillis(s.degradedAboveMillis()),
                        s.jsonCondition() == null ? null : jsonConditionOf(s.jsonCondition()));
                case TCP -> new Check.Tcp(Endpoint.parse(target));
                case TLS -> new Check.Tls(Endpoint.parse(target), s.warnDays());
                case POSTGRES -> new Check.Postgres(Endpoint.parse(target), s.user(), s.database(),
                        Boolean.TRUE.equals(s.tls()), s.monitorRole());
                case REDIS -> new Check.Redis(Endpoint.parse(target), s.tls());
                case DNS -> new Check.Dns(target, s.expectedAddress());
                case KAFKA -> new Check.Kafka(Arrays.stream(target.split(",")).map(Endpoint::parse).toList(), s.credentials());
                case HEARTBEAT -> null;
            };
        } catch (InvalidSetting e) {
            throw ProblemException.invalid(e.field().equals("target") ? "target" : "settings." + e.field(), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("target", e.getMessage());
        }
    }

    private static MonitorSettings onlyFor(MonitorKind kind, MonitorSettings s, String... admitted) {
        Set<String> allowed = Set.of(admitted);
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("method", s.method());
        given.put("headers", s.headers());
        given.put("expectedStatus", s.expectedStatus());
        given.put("keyword", s.keyword());
        given.put("keywordAbsent", s.keywordAbsent());
        given.put("followRedirects", s.followRedirects());
        given.put("verifyTls", s.verifyTls());
        given.put("degradedAboveMillis", s.degradedAboveMillis());
        given.put("warnDays", s.warnDays());
        given.put("user", s.user());
        given.put("database", s.database());
        given.put("tls", s.tls());
        given.put("expectedAddress", s.expectedAddress());
        given.put("jsonCondition", s.jsonCondition());
        given.put("credentials", s.credentials());
        given.put("monitorRole", s.monitorRole());
        given.forEach((field, value) -> {
            if (value != null && !allowed.contains(field)) {
                refuse(kind, field, value);
            }
        });
        return new MonitorSettings(null, null, null, null, null, null, null, null, s.warnDays(), text("user", s.user()),
                text("database", s.database()), s.tls(), text("expectedAddress", s.expectedAddress()), null,
                text("credentials", s.credentials()), text("monitorRole", s.monitorRole()));
    }

    private static void refuse(String field, Object value, String why) {
        if (value != null) {
            throw ProblemException.invalid(field, why);
        }
    }

    private static MonitorSettings.JsonConditionSettings jsonCondition(MonitorSettings.JsonConditionSettings given) {
        if (given != null) {
            text("jsonCondition.equals", given.equals());
            text("jsonCondition.notEquals", given.notEquals());
            jsonConditionOf(given);
        }
        return given;
    }

    private static JsonCondition jsonConditionOf(MonitorSettings.JsonConditionSettings s) {
        try {
            return new JsonCondition(s.jsonPath(), s.equals(), s.notEquals(), s.exists(), s.greaterThan(), s.lessThan());
        } catch (InvalidSetting e) {
            throw ProblemException.invalid("settings." + e.field(), e.getMessage());
        }
    }

    private static <T> T refuse(MonitorKind kind, String field, T value) {
        if (value != null) {
            throw ProblemException.invalid("settings." + field, "does not apply to " + kind.wireName() + " monitors");
        }
        return null;
    }

    private static String text(String field, String value) {
        if (value != null && (value.isEmpty() || value.length() > MAX_TEXT)) {
            throw ProblemException.invalid("settings." + field, "must be 1.." + MAX_TEXT + " characters");
        }
        return value;
    }

    private static Integer millis(Integer value) {
        if (value != null && (value < 1 || value > 60_000)) {
            throw ProblemException.invalid("settings.degradedAboveMillis", "must be between 1 and 60000, was " + value);
        }
        return value;
    }

    private static List<String> statuses(List<String> given) {
        if (given == null) {
            return List.of("200-399");
        }
        if (given.isEmpty() || given.size() > 20) {
            throw ProblemException.invalid("settings.expectedStatus", "must list 1..20 statuses or ranges");
        }
        List<String> parsed = new ArrayList<>();
        for (String text : given) {
            try {
                parsed.add(StatusRange.parse(text).toString());
            } catch (InvalidSetting e) {
                throw ProblemException.invalid("settings.expectedStatus", e.getMessage());
            }
        }
        return parsed;
    }

    private static Map<String, String> headers(Map<String, String> given) {
        if (given.size() > MAX_HEADERS) {
            throw ProblemException.invalid("settings.headers", "must have at most " + MAX_HEADERS + " entries");
        }
        given.forEach((name, value) -> {
            if (!HEADER_NAME.matcher(name).matches() || RESTRICTED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw ProblemException.invalid("settings.headers", "'" + name + "' is not a header name a monitor may set");
            }
            if (value == null || value.length() > MAX_TEXT || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw ProblemException.invalid("settings.headers", "the value of '" + name + "' must be 0.." + MAX_TEXT
                        + " characters without control characters");
            }
        });
        return Map.copyOf(given);
    }
}
