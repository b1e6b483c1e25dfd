package io.mooring.runtime.consumer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules in {@code docs/alerts} are valid Prometheus rules and fire as their unit tests say
 * (promtool is a test prerequisite: prerequisites/test.txt).
 */
class AlertRulesTest {
    static final Path ALERTS = Path.of("..", "docs", "alerts");

    @Test
    void alertRulesAreValidAndFireAsTheirUnitTestsSay() throws Exception {
        assertThat(promtool("check", "rules", "mooring.rules.yml")).contains("SUCCESS: 8 rules found");
        assertThat(promtool("test", "rules", "mooring.rules.test.yml")).contains("SUCCESS");
    }

    private static String promtool(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "promtool";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).directory(ALERTS.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The runtime's own series the rules use (the platform's MetricsExportedIT checks the others). */
    static Set<String> mooringSeries() throws IOException {
        Matcher matcher = Pattern.compile("\\bmooring_events_[a-z_]+\\b")
                .matcher(Files.readString(ALERTS.resolve("mooring.rules.yml")));
        Set<String> names = new TreeSet<>();
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }
}
