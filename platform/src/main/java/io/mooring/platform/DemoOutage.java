package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The demo's outage: an http monitor on the demo's own {@link DemoEndpoint} goes UP, then the
 * endpoint breaks (DOWN after two failed checks, an incident opens), then it is healthy again (UP,
 * the incident resolves). Runs beside the launcher and says each step on {@code out}.
 */
final class DemoOutage {
    static final String MONITOR = "demo endpoint";
    static final int INTERVAL_SECONDS = 10;

    private final String monitorService;
    private final ApiClient api;
    private final PrintStream out;
    private final DemoEndpoint endpoint;

    DemoOutage(String monitorService, ApiClient api, PrintStream out, DemoEndpoint endpoint) {
        this.monitorService = monitorService;
        this.api = api;
        this.out = out;
        this.endpoint = endpoint;
    }

    /** The monitor as the demo creates it: every 10 s, DOWN after 2 failures, up only while the body says ok. */
    static Map<String, Object> monitor(String url) {
        return Map.of("name", MONITOR, "kind", "http", "target", url, "intervalSeconds", INTERVAL_SECONDS,
                "timeoutSeconds", 5, "failureThreshold", 2,
                "settings", Map.of("expectedStatus", java.util.List.of("200"),
                        "jsonCondition", Map.of("jsonPath", "$.status", "equals", "ok")));
    }

    /** Creates the monitor (or points the one of an earlier run at this endpoint); returns its id. */
    String createMonitor() throws IOException {
        ApiClient.Reply created = api.post(monitorService + "/v1/monitors", monitor(endpoint.url()));
        if (created.ok()) {
            return created.body().path("id").asText();
        }
        if (created.status() != 409) {
            throw new IllegalStateException("creating monitor '" + MONITOR + "' failed: HTTP " + created.status() + " " + created.body());
        }
        for (JsonNode monitor : Demo.items(api.get(monitorService + "/v1/monitors?kind=http&limit=200").body())) {
            if (MONITOR.equals(monitor.path("name").asText()) && !monitor.hasNonNull("accountId")) {
                String id = monitor.path("id").asText();
                ApiClient.Reply patched = api.patch(monitorService + "/v1/monitors/" + id, Map.of("target", endpoint.url()));
                if (!patched.ok()) {
                    throw new IllegalStateException("pointing monitor '" + MONITOR + "' at " + endpoint.url()
                            + " failed: HTTP " + patched.status() + " " + patched.body());
                }
                api.post(monitorService + "/v1/monitors/" + id + "/resume", Map.of());
                return id;
            }
        }
        throw new IllegalStateException("monitor '" + MONITOR + "' exists but is not listed");
    }

    /** Up, broken until an incident opens, healthy until it resolves; each step within {@code stepTimeout}. */
    void run(String monitorId, Duration stepTimeout) throws IOException {
        String monitor = monitorService + "/v1/monitors/" + monitorId;
        say("monitor '" + MONITOR + "' checks " + endpoint.url() + " every " + INTERVAL_SECONDS + " s");
        JsonNode up = awaitState(monitor, "UP", stepTimeout);
        say("monitor '" + MONITOR + "' is UP: " + up.path("lastCheck").path("reason").asText());

        endpoint.setHealthy(false);
        say("the demo endpoint now answers 503 {\"status\": \"down\"}: after two failed checks expect "
                + "MonitorStateChanged UP → DOWN and IncidentOpened (chat lines, GET /v1/incidents, the timeline)");
        JsonNode down = awaitState(monitor, "DOWN", stepTimeout);
        say("monitor '" + MONITOR + "' is DOWN: " + down.path("lastCheck").path("reason").asText());
        JsonNode incident = await(stepTimeout, () -> first(api.get(monitor + "/incidents?state=open")));
        say("incident opened: " + incident.path("title").asText() + " (" + incident.path("id").asText() + ")");

        endpoint.setHealthy(true);
        say("the demo endpoint is healthy again: expect MonitorStateChanged DOWN → UP and IncidentResolved");
        awaitState(monitor, "UP", stepTimeout);
        String incidentUrl = monitorService + "/v1/incidents/" + incident.path("id").asText();
        JsonNode resolved = await(stepTimeout, () -> {
            JsonNode now = api.get(incidentUrl).body();
            return "resolved".equalsIgnoreCase(now.path("state").asText()) ? now : null;
        });
        say("monitor '" + MONITOR + "' recovered; incident resolved at " + resolved.path("resolvedAt").asText());
    }

    /** The monitor once in {@code state} with a last check of that outcome (not one failed check of a monitor still UP). */
    private JsonNode awaitState(String monitor, String state, Duration timeout) throws IOException {
        return await(timeout, () -> {
            JsonNode now = api.get(monitor).body();
            return state.equalsIgnoreCase(now.path("state").asText())
                    && state.equalsIgnoreCase(now.path("lastCheck").path("outcome").asText()) ? now : null;
        });
    }

    private interface Probe {
        JsonNode find() throws IOException;
    }

    private static JsonNode await(Duration timeout, Probe probe) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode found = probe.find();
            if (found != null) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("not seen within " + timeout.toSeconds() + " s");
            }
            LocalPlatform.pause(Duration.ofSeconds(1));
        }
    }

    private static JsonNode first(ApiClient.Reply reply) {
        if (!reply.ok()) {
            return null;
        }
        for (JsonNode item : Demo.items(reply.body())) {
            return item;
        }
        return null;
    }

    private void say(String line) {
        out.println("demo  | " + line);
    }
}
