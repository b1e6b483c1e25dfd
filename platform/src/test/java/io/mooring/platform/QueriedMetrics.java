package io.mooring.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The metric names the alert rules and the Grafana dashboards query, each with where it is queried. */
final class QueriedMetrics {
    static final String RULES = "docs/alerts/mooring.rules.yml";
    static final String DASHBOARDS = "deploy/grafana/dashboards";
    /** Series Prometheus makes itself for each scrape, not exported by a service. */
    static final Set<String> FROM_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
    private static final ObjectMapper JSON = new ObjectMapper();

    private QueriedMetrics() {
    }

    /** Metric name to the places (rule or dashboard panel) that query it. */
    static Map<String, Set<String>> of(Path root) throws IOException {
        Map<String, Set<String>> queried = new TreeMap<>();
        JsonNode rules = JSON.valueToTree(new Yaml().load(Files.readString(root.resolve(RULES))));
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                add(queried, rule.path("expr").asText(), "rule " + rule.path("alert").asText(rule.path("record").asText()));
            }
        }
        try (Stream<Path> files = Files.list(root.resolve(DASHBOARDS))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                panels(queried, dashboard.path("panels"), file.getFileName().toString());
            }
        }
        return queried;
    }

    private static void panels(Map<String, Set<String>> queried, JsonNode panels, String dashboard) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                add(queried, target.path("expr").asText(), dashboard + " panel '" + panel.path("title").asText() + "'");
            }
            panels(queried, panel.path("panels"), dashboard);
        }
    }

    private static void add(Map<String, Set<String>> queried, String expression, String where) {
        for (String name : PromQl.metricNames(expression)) {
            queried.computeIfAbsent(name, n -> new TreeSet<>()).add(where);
        }
    }

    /** The metric names in a Prometheus text exposition. */
    static Set<String> exported(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    /** Whether the name is exported, a histogram or summary name standing for its _bucket, _count or _sum series. */
    static boolean isExported(String name, Set<String> exported) {
        return FROM_PROMETHEUS.contains(name) || exported.contains(name)
                || Stream.of("_bucket", "_count", "_sum").anyMatch(suffix -> exported.contains(name + suffix));
    }
}
