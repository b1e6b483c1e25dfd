package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher of {@code ./mooring up} killed with SIGKILL (as the out-of-memory killer would): within
 * 30 s its watchdog has stopped every server and service it started, and the next launch on the same
 * data finds every account and event. It starts the whole platform twice.
 */
class LauncherDeathIT {
    private LauncherRun run;
    private Path data;

    @AfterEach
    void stopWhatIsLeft() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void nothingOutlivesAKilledLauncherAndTheNextLaunchFindsEveryAccountAndEvent() throws Exception {
        run = new LauncherRun("launcher-death");
        data = run.data();
        Process first = run.launch(1);
        ApiClient api = new ApiClient(run.operatorToken());
        Map<String, String> urls = run.services();
        String provisioner = urls.get("URL_PROVISIONER");
        assertThat(api.post(provisioner + "/v1/hosts", Map.of("name", "death-host", "datacenter", "dc1",
                "cpuCores", 8, "memoryMb", 16384, "diskGb", 200)).status()).isEqualTo(201);
        ApiClient.Reply created = api.post(provisioner + "/v1/accounts", Map.of("name", "survivor", "plan", "small", "ownerEmail", "ops@survivor.example"));
        assertThat(created.status()).isEqualTo(202);
        String accountId = created.body().path("targetId").asText();
        String timeline = urls.get("URL_SEARCH_INDEXER") + "/v1/events?subject=" + accountId;
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(types(api.get(timeline)))
                .contains("mooring.provisioning.account.ready.v1"));
        Set<String> eventsBefore = ids(api.get(timeline));
        Set<String> policiesBefore = ids(api.get(urls.get("URL_BACKUP_SERVICE") + "/v1/policies?accountId=" + accountId));

        long launcher = first.pid();
        assertThat(instanceProcesses(launcher)).as("servers and services of the first launch").hasSizeGreaterThan(5);
        // Prometheus (a test prerequisite) runs beside them, scrapes the five services, and is stopped with them
        String prometheus = urls.get("URL_PROMETHEUS");
        assertThat(prometheus).as("URL_PROMETHEUS in services.env").isNotNull();
        assertThat(instanceProcesses(launcher)).anySatisfy(pid -> assertThat(ProcessHandle.of(pid).flatMap(h -> h.info().command()))
                .hasValueSatisfying(command -> assertThat(command).endsWith("/prometheus")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                api.get(prometheus + "/api/v1/query?query=up%3D%3D1").body().path("data").path("result").findValues("job"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("provisioner", "backup-service", "monitor-service", "search-indexer", "chatops-relay"));
        first.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(instanceProcesses(launcher)).as("processes left by the killed launcher").isEmpty());

        Process second = run.launch(2);
        urls = run.services();
        JsonNode account = api.get(urls.get("URL_PROVISIONER") + "/v1/accounts/" + accountId).body();
        assertThat(account.path("name").asText()).isEqualTo("survivor");
        assertThat(account.path("state").asText()).isEqualTo("READY");
        assertThat(ids(api.get(urls.get("URL_SEARCH_INDEXER") + "/v1/events?subject=" + accountId))).containsAll(eventsBefore);
        assertThat(ids(api.get(urls.get("URL_BACKUP_SERVICE") + "/v1/policies?accountId=" + accountId))).isEqualTo(policiesBefore);

        long secondLauncher = second.pid();
        second.destroy();
        assertThat(second.onExit().get(90, java.util.concurrent.TimeUnit.SECONDS).exitValue()).isNotNegative();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(instanceProcesses(secondLauncher)).isEmpty());
    }

    /**
     * Every live process started for the data directory: marked in its environment, or left in the
     * process group of the launcher (which leads its own session) once the launcher is gone.
     */
    private List<Long> instanceProcesses(long launcher) throws IOException {
        byte[] mark = (Watchdog.INSTANCE + "=" + data + "\0").getBytes(StandardCharsets.UTF_8);
        boolean launcherGone = ProcessHandle.of(launcher).map(h -> !h.isAlive()).orElse(true);
        List<Long> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path dir : entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(dir.getFileName().toString());
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (fields[0].equals("Z")) {
                        continue;
                    }
                    boolean inGroup = launcherGone && Long.parseLong(fields[2]) == launcher;
                    if (inGroup || contains(Files.readAllBytes(dir.resolve("environ")), mark)) {
                        found.add(pid);
                    }
                } catch (IOException gone) {
                    // ended while we looked, or not ours to read
                }
            }
        }
        return found;
    }

    private static boolean contains(byte[] environ, byte[] mark) {
        String all = "\0" + new String(environ, StandardCharsets.UTF_8);
        return all.contains("\0" + new String(mark, StandardCharsets.UTF_8));
    }

    private static Set<String> ids(ApiClient.Reply reply) {
        return items(reply).stream().map(item -> item.path("id").asText()).collect(Collectors.toSet());
    }

    private static List<String> types(ApiClient.Reply reply) {
        return items(reply).stream().map(item -> item.path("type").asText()).toList();
    }

    private static List<JsonNode> items(ApiClient.Reply reply) {
        assertThat(reply.status()).as("HTTP status of %s", reply.body()).isEqualTo(200);
        return StreamSupport.stream(Demo.items(reply.body()).spliterator(), false).toList();
    }
}
