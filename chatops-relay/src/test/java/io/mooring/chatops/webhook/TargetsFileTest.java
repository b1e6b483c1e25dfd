package io.mooring.chatops.webhook;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetsFileTest {
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/file-secret";

    @TempDir
    Path dir;

    @Test
    void readsTargetsAndRoutesFromYamlAsTheApiTakesThem() throws IOException {
        TargetsFile.Content content = read("""
                targets:
                  - name: ops-slack
                    kind: slack
                    secrets: {url: "%s"}
                    delivery: {ratePerSecond: 1, burst: 3, groupWait: 10s, giveUpAfter: 24h}
                routes:
                  - eventTypes: [mooring.monitoring.*]
                    severities: [critical]
                    targets: [ops-slack, terminal]
                """.formatted(SLACK));

        ManagedTarget target = content.targets().getFirst();
        assertThat(target.source()).isEqualTo(ManagedTarget.FILE);
        assertThat(target.target().host()).isEqualTo("hooks.slack.com");
        assertThat(target.delivery().groupWait()).isEqualTo("10s");
        assertThat(target.delivery().giveUpAfter()).isEqualTo("1d");
        assertThat(content.routes()).singleElement().satisfies(route -> {
            assertThat(route.source()).isEqualTo("file");
            assertThat(route.targets()).containsExactly("ops-slack", "terminal");
        });
        assertThat(read(Files.readString(dir.resolve("targets.yml"))).routes().getFirst().id())
                .as("the same route has the same id").isEqualTo(content.routes().getFirst().id());
    }

    @Test
    void readsJsonToo() throws IOException {
        assertThat(read("{\"targets\": [{\"name\": \"hook\", \"secrets\": {\"url\": \"https://h.example.org/x\"}}]}")
                .targets()).singleElement().satisfies(t -> assertThat(t.target().kind()).isEqualTo(TargetKind.GENERIC));
    }

    @Test
    void namesTheFileAndTheEntryOfEveryProblemWithoutEchoingSecrets() {
        assertThatThrownBy(() -> read("""
                targets:
                  - name: fine
                    secrets: {url: "https://h.example.org/x"}
                  - name: broken
                    kind: slack
                    secrets: {url: "ftp://h.example.org/file-secret"}
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("targets.yml: targets[1] (broken): secrets.url: must be an absolute http")
                .hasMessageNotContaining("file-secret");
        assertThatThrownBy(() -> read("targets:\n  - name: terminal\n    secrets: {url: \"https://h.example.org/x\"}\n"))
                .hasMessageContaining("targets[0] (terminal): name: another target is named terminal in the settings");
        assertThatThrownBy(() -> read("routes:\n  - eventTypes: [\"*\"]\n    targets: [nowhere]\n"))
                .hasMessageContaining("targets.yml: routes[0]: targets: 'nowhere' is not a target");
        assertThatThrownBy(() -> read("routes:\n  - eventTypes: [\"*\"]\n    targets: [terminal]\n"
                + "  - eventTypes: [mooring.backups.*, mooring.monitoring]\n    targets: [terminal]\n"))
                .as("a route that can match nothing").isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("targets.yml: routes[1]: eventTypes[1]: 'mooring.monitoring' matches no event type; "
                        + "did you mean mooring.monitoring.*?");
        assertThatThrownBy(() -> read("targets:\n  - name: x\n    secrets: {url: \"https://h.example.org/x\"}\n"
                + "    delivery: {burst: many}\n"))
                .hasMessageContaining("targets[0]: a field has the wrong type");
        assertThatThrownBy(() -> read("webhooks: []\n")).hasMessageContaining("unknown section 'webhooks'");
        assertThatThrownBy(() -> read("targets: [\n")).hasMessageContaining("not YAML or JSON");
        assertThatThrownBy(() -> TargetsFile.read(dir.resolve("missing.yml"), ObjectMapper.getDefault(), Set.of()))
                .hasMessageContaining("mooring.chatops.targets-file: cannot read");
    }

    private TargetsFile.Content read(String text) throws IOException {
        Path file = dir.resolve("targets.yml");
        Files.writeString(file, text);
        return TargetsFile.read(file, ObjectMapper.getDefault(), Set.of("terminal"));
    }
}
