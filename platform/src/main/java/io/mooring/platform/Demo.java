package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./mooring up --demo}: registers a host, creates an account with a database and a site, then
 * shows how each service reacted, through each service's own API; then, beside the launcher, a
 * monitor of the demo's own endpoint goes up, down with an incident, and recovers ({@link DemoOutage}).
 */
final class Demo {
    static final String HOST = "demo-host-1";
    static final String ACCOUNT = "demo";
    static final String SITE_DOMAIN = "demo.mooring.test";
    /** Longest wait for each step of the outage: a few check intervals. */
    static final Duration OUTAGE_STEP_TIMEOUT = Duration.ofSeconds(90);

    private final LocalPlatform platform;
    private final ApiClient api;
    private final PrintStream out;

    Demo(LocalPlatform platform, ApiClient api, PrintStream out) {
        this.platform = platform;
        this.api = api;
        this.out = out;
    }

    void run(Duration timeout) throws IOException {
        String provisioner = platform.url(Service.PROVISIONER);
        ApiClient.Reply host = api.post(provisioner + "/v1/hosts", Map.of("name", HOST, "datacenter", "local",
                "cpuCores", 4, "memoryMb", 8192, "diskGb", 100, "labels", Map.of("tier", "demo")));
        report("host " + HOST, host);
        ApiClient.Reply created = api.post(provisioner + "/v1/accounts",
                Map.of("name", ACCOUNT, "plan", "small", "ownerEmail", "demo@example.org"));
        Instant deadline = Instant.now().plus(timeout);
        awaitOperation("account " + ACCOUNT, created, deadline);
        String accountId = accountId(provisioner);
        out.printf("demo  | account %s has id %s%n", ACCOUNT, accountId);

        String resources = provisioner + "/v1/accounts/" + accountId + "/resources";
        awaitOperation("database app", api.post(resources, Map.of("kind", "postgres-database", "name", "app")), deadline);
        awaitOperation("site www (" + SITE_DOMAIN + ")", api.post(resources, Map.of("kind", "site", "name", "www",
                "domain", SITE_DOMAIN, "upstream", "http://127.0.0.1:3000")), deadline);
        JsonNode desired = api.get(provisioner + "/v1/hosts/" + hostId(provisioner) + "/desired-state").body();
        out.printf("demo  | desired state of %s: %d slice unit(s), %d site(s), ETag %s%n", HOST,
                desired.path("slices").size(), desired.path("sites").size(), desired.path("etag").asText());

        await("backup-service policy", deadline, () -> firstItem(api.get(platform.url(Service.BACKUP) + "/v1/policies?accountId=" + accountId)));
        await("monitor-service monitor", deadline, () -> firstItem(api.get(platform.url(Service.MONITOR) + "/v1/monitors?accountId=" + accountId)));
        await("search-indexer timeline", deadline, () -> firstItem(api.get(platform.url(Service.SEARCH) + "/v1/events?subject=" + accountId)));
        await("chatops-relay delivery", deadline, () -> firstItem(api.get(platform.url(Service.CHATOPS) + "/v1/deliveries?limit=5")));
        out.println("demo  | every service has reacted to the new account");
        startOutage();
    }

    /** Starts the demo endpoint and its monitor, then breaks and mends the endpoint on a thread of its own. */
    private void startOutage() throws IOException {
        DemoEndpoint endpoint = DemoEndpoint.start();
        DemoOutage outage = new DemoOutage(platform.url(Service.MONITOR), api, out, endpoint);
        String monitorId = outage.createMonitor();
        Thread.ofPlatform().daemon().name("demo-outage").start(() -> {
            try {
                outage.run(monitorId, OUTAGE_STEP_TIMEOUT);
            } catch (IOException | RuntimeException e) {
                out.println("demo  | the outage demo stopped: " + e.getMessage());
            }
        });
    }

    /** Follows an account's or resource's creation until it ends; prints the one-time result (credentials) if any. */
    private void awaitOperation(String what, ApiClient.Reply created, Instant deadline) throws IOException {
        if (created.status() == 409) {
            out.printf("demo  | %s exists already (data kept from an earlier run)%n", what);
            return;
        }
        if (!created.ok() || created.location() == null) {
            throw new IllegalStateException("creating " + what + " failed: HTTP " + created.status() + " " + created.body());
        }
        String operationUrl = platform.url(Service.PROVISIONER) + created.location();
        while (true) {
            JsonNode operation = api.get(operationUrl).body();
            String state = operation.path("state").asText();
            if ("SUCCEEDED".equals(state)) {
                JsonNode result = operation.path("result");
                out.printf("demo  | created %s%s%n", what, result.isMissingNode() || result.isNull() ? ""
                        : " — shown once: " + result);
                return;
            }
            if ("FAILED".equals(state)) {
                throw new IllegalStateException("creating " + what + " failed: " + operation.path("error").asText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("creating " + what + " did not finish in time: " + operation);
            }
            LocalPlatform.pause(Duration.ofMillis(300));
        }
    }

    private String hostId(String provisioner) throws IOException {
        for (JsonNode host : items(api.get(provisioner + "/v1/hosts").body())) {
            if (HOST.equals(host.path("name").asText())) {
                return host.path("id").asText();
            }
        }
        throw new IllegalStateException("host " + HOST + " is not listed by the provisioner");
    }

    private String accountId(String provisioner) throws IOException {
        for (JsonNode account : items(api.get(provisioner + "/v1/accounts").body())) {
            if (ACCOUNT.equals(account.path("name").asText())) {
                return account.path("id").asText();
            }
        }
        throw new IllegalStateException("account " + ACCOUNT + " is not listed by the provisioner");
    }

    private void report(String what, ApiClient.Reply reply) {
        if (reply.ok()) {
            out.printf("demo  | created %s%n", what);
        } else if (reply.status() == 409) {
            out.printf("demo  | %s exists already (data kept from an earlier run)%n", what);
        } else {
            throw new IllegalStateException("creating " + what + " failed: HTTP " + reply.status() + " " + reply.body());
        }
    }

    private interface Probe {
        JsonNode find() throws IOException;
    }

    private void await(String what, Instant deadline, Probe probe) throws IOException {
        while (true) {
            JsonNode found = probe.find();
            if (found != null) {
                out.printf("demo  | %s: %s%n", what, found);
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("demo: no " + what + " appeared in time");
            }
            LocalPlatform.pause(Duration.ofMillis(500));
        }
    }

    private static JsonNode firstItem(ApiClient.Reply reply) {
        if (!reply.ok()) {
            return null;
        }
        for (JsonNode item : items(reply.body())) {
            return item;
        }
        return null;
    }

    /** A list answer is either a JSON array or an object with {@code items}. */
    static Iterable<JsonNode> items(JsonNode body) {
        return body.isArray() ? body : body.path("items");
    }
}
