package io.mooring.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The root docker-compose.yml, read as Compose would, checked against the code (it is not started here). */
class ComposeFileTest {
    private static final JsonNode COMPOSE = RepositoryFiles.yaml(RepositoryFiles.path("docker-compose.yml"));
    private static final JsonNode SERVICES = COMPOSE.path("services");
    private static final Set<String> SERVERS = Set.of("kafka", "postgres", "tenant-postgres", "redis", "opensearch", "minio",
            "prometheus", "grafana");
    private static final Set<String> ONE_SHOTS = Set.of("redis-certificates", "backup-keys");

    @Test
    void validatesAgainstTheComposeSpecification() {
        assertThat(JsonSchemas.composeErrors(COMPOSE)).isEmpty();
    }

    @Test
    void runsTheServersTheOneShotsAndTheFiveServices() {
        Set<String> expected = new TreeSet<>(SERVERS);
        expected.addAll(ONE_SHOTS);
        for (Service service : Service.values()) {
            expected.add(service.id());
        }
        assertThat(names(SERVICES)).isEqualTo(expected);
    }

    @Test
    void everyLongRunningContainerRestartsAndHasAHealthCheck() {
        SERVICES.properties().forEach(e -> {
            String name = e.getKey();
            JsonNode service = e.getValue();
            if (ONE_SHOTS.contains(name)) {
                assertThat(service.path("restart").asText()).as(name).isEqualTo("no");
            } else {
                assertThat(service.path("restart").asText()).as(name).isEqualTo("unless-stopped");
                assertThat(service.path("healthcheck").path("test").isMissingNode()).as(name + " health check").isFalse();
            }
        });
    }

    @Test
    void dependenciesWaitForHealthOrForAOneShotToFinish() {
        SERVICES.properties().forEach(e -> e.getValue().path("depends_on").properties().forEach(d -> {
            String condition = d.getValue().path("condition").asText();
            String what = e.getKey() + " -> " + d.getKey();
            if (ONE_SHOTS.contains(d.getKey())) {
                assertThat(condition).as(what).isEqualTo("service_completed_successfully");
            } else {
                assertThat(condition).as(what).isEqualTo("service_healthy");
                assertThat(SERVICES.path(d.getKey()).has("healthcheck")).as(what + " has a health check").isTrue();
            }
        }));
    }

    @Test
    void namedVolumesAreDeclaredAndBindMountsExist() {
        Set<String> declared = names(COMPOSE.path("volumes"));
        Set<String> used = new TreeSet<>();
        SERVICES.properties().forEach(e -> e.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith("./")) {
                assertThat(RepositoryFiles.path(source.substring(2))).as(e.getKey() + " mounts " + source).exists();
            } else {
                used.add(source);
            }
        }));
        assertThat(used).isEqualTo(declared);
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void servicesAreBuiltFromTheirDockerfileAndPublishTheirPortAndHealth(Service service) {
        JsonNode container = SERVICES.path(service.id());
        String dockerfile = container.path("build").path("dockerfile").asText();
        assertThat(dockerfile).isEqualTo(service.id() + "/Dockerfile");
        assertThat(container.path("build").path("context").asText()).isEqualTo(".");
        assertThat(RepositoryFiles.path(dockerfile)).exists();
        int port = service.defaultPort();
        assertThat(texts(container.path("ports"))).contains(port + ":" + port);
        assertThat(texts(container.path("healthcheck").path("test"))).contains("http://localhost:" + port + "/health/readiness");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void servicesAreGivenOnlySettingsTheyReadAndEveryRequiredOne(Service service) {
        Map<String, String> environment = RepositoryFiles.strings(SERVICES.path(service.id()).path("environment"));
        ServiceSettings settings = ServiceSettings.of(service);
        assertThat(environment.keySet()).allSatisfy(v -> assertThat(v).startsWith("MOORING_"));
        assertThat(environment.keySet().stream().filter(v -> !settings.reads(v)).toList())
                .as("variables %s does not read", service.id()).isEmpty();
        assertThat(RequiredSettings.missing(service, environment)).as("required settings of " + service.id()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void servicesUseTheirOwnDatabase(Service service) {
        String database = SERVICES.path(service.id()).path("environment").path("MOORING_PG_DATABASE").asText(null);
        assertThat(database).isEqualTo(service.database().orElse(null));
        if (database != null) {
            assertThat(SERVICES.path(service.id()).path("environment").path("MOORING_PG_USER").asText()).isEqualTo(database);
        }
    }

    @Test
    void theInitScriptCreatesEveryServiceDatabase() {
        String script = RepositoryFiles.read(RepositoryFiles.path("deploy/postgres/create-service-databases.sh"));
        Matcher loop = Pattern.compile("for database in ([a-z_ ]+);").matcher(script);
        assertThat(loop.find()).isTrue();
        List<String> expected = new ArrayList<>();
        for (Service service : Service.values()) {
            service.database().ifPresent(expected::add);
        }
        assertThat(List.of(loop.group(1).trim().split(" +"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(texts(SERVICES.path("postgres").path("volumes")))
                .contains("./deploy/postgres/create-service-databases.sh:/docker-entrypoint-initdb.d/10-service-databases.sh:ro");
    }

    @Test
    void theTenantClusterIsSeparateAndHasTheBackupRole() {
        JsonNode provisioner = SERVICES.path("provisioner").path("environment");
        JsonNode backup = SERVICES.path("backup-service").path("environment");
        assertThat(provisioner.path("MOORING_PROVISIONER_TARGETS_POSTGRES_HOST").asText()).isEqualTo("tenant-postgres");
        assertThat(provisioner.path("MOORING_PG_HOST").asText()).isEqualTo("postgres");
        assertThat(backup.path("MOORING_BACKUP_SOURCES_POSTGRES_HOST").asText()).isEqualTo("tenant-postgres");
        String role = provisioner.path("MOORING_PROVISIONER_TARGETS_POSTGRES_BACKUP_ROLE").asText();
        assertThat(backup.path("MOORING_BACKUP_SOURCES_POSTGRES_USER").asText()).isEqualTo(role);
        assertThat(RepositoryFiles.read(RepositoryFiles.path("deploy/postgres/create-backup-role.sh")))
                .contains("CREATE ROLE " + role + " LOGIN").contains("GRANT pg_read_all_data TO " + role);
    }

    @Test
    void redisSpeaksOnlyTlsAndEveryClientVerifiesIt() {
        List<String> command = texts(SERVICES.path("redis").path("command"));
        assertThat(String.join(" ", command)).contains("--port 0 --tls-port 6379");
        SERVICES.properties().forEach(e -> RepositoryFiles.strings(e.getValue().path("environment")).forEach((name, value) -> {
            if (name.endsWith("REDIS_URI")) {
                assertThat(value).as(e.getKey() + " " + name).startsWith("rediss://");
                assertThat(e.getValue().path("environment").path(name.replace("_URI", "_CA_FILE")).asText())
                        .as(e.getKey() + " CA").isEqualTo("/certs/ca.crt");
            }
        }));
        assertThat(texts(SERVICES.path("redis-certificates").path("volumes"))).contains("redis-certs:/certs");
        assertThat(RepositoryFiles.read(RepositoryFiles.path("deploy/redis/make-certificates.sh"))).contains("DNS:redis");
    }

    @Test
    void serverImagesMatchTheVersionsTheCodeIsBuiltAndTestedWith() {
        assertThat(SERVICES.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + RepositoryFiles.pomProperty("kafka.version"));
        assertThat(SERVICES.path("opensearch").path("image").asText())
                .isEqualTo("opensearchproject/opensearch:" + RepositoryFiles.pomProperty("opensearch.version"));
        assertThat(SERVICES.path("tenant-postgres").path("image").asText()).isEqualTo(SERVICES.path("postgres").path("image").asText());
    }

    @Test
    void prometheusScrapesEveryServiceWhereItServesMetrics() {
        JsonNode prometheus = RepositoryFiles.yaml(RepositoryFiles.path("deploy/prometheus/prometheus.yml"));
        Map<String, List<String>> jobs = new java.util.TreeMap<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).isEqualTo("/prometheus");
            jobs.put(job.path("job_name").asText(), texts(job.path("static_configs").get(0).path("targets")));
        }
        // one job per service, named after it: the dashboards select a service by its job
        Map<String, List<String>> expected = new java.util.TreeMap<>();
        for (Service service : Service.values()) {
            expected.put(service.id(), List.of(service.id() + ":" + service.defaultPort()));
        }
        assertThat(jobs).isEqualTo(expected);
        assertThat(texts(SERVICES.path("prometheus").path("volumes")))
                .contains("./docs/alerts/mooring.rules.yml:/etc/prometheus/rules/mooring.rules.yml:ro");
    }

    @Test
    void grafanaIsProvisionedWithADashboardPerService() throws Exception {
        assertThat(texts(SERVICES.path("grafana").path("volumes")))
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./deploy/grafana/dashboards:/etc/grafana/dashboards:ro");
        JsonNode providers = RepositoryFiles.yaml(RepositoryFiles.path("deploy/grafana/provisioning/dashboards/mooring.yml"));
        assertThat(providers.path("providers").get(0).path("options").path("path").asText()).isEqualTo("/etc/grafana/dashboards");
        Set<String> uids = new TreeSet<>();
        for (Service service : Service.values()) {
            JsonNode dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    RepositoryFiles.path("deploy/grafana/dashboards/" + service.id() + ".json").toFile());
            assertThat(dashboard.path("schemaVersion").asInt()).as(service.id()).isGreaterThanOrEqualTo(39);
            assertThat(uids.add(dashboard.path("uid").asText())).as(service.id() + " uid is unique").isTrue();
            JsonNode job = null;
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if (variable.path("name").asText().equals("job")) {
                    job = variable;
                }
            }
            assertThat(job).as(service.id() + " has a job variable").isNotNull();
            assertThat(job.path("query").asText()).isEqualTo(service.id());
            List<JsonNode> targets = new ArrayList<>();
            for (JsonNode panel : dashboard.path("panels")) {
                panel.path("targets").forEach(targets::add);
            }
            assertThat(targets).as(service.id() + " queries").isNotEmpty().allSatisfy(target -> {
                assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
                assertThat(target.path("expr").asText()).contains("job=\"$job\"");
            });
        }
    }

    @Test
    void healthAndMetricsAreServedWithoutAToken() {
        JsonNode defaults = RepositoryFiles.yaml(RepositoryFiles.path("runtime/src/main/resources/mooring-defaults.yml"));
        assertThat(defaults.path("endpoints").path("health").path("enabled").asBoolean()).isTrue();
        assertThat(defaults.path("endpoints").path("prometheus").path("enabled").asBoolean()).isTrue();
        assertThat(texts(defaults.path("mooring").path("auth").path("public-paths"))).contains("/health", "/prometheus");
    }

    @Test
    void everyVariableComposeNeedsIsInTheExampleEnvFile() {
        Set<String> example = new TreeSet<>();
        for (String line : RepositoryFiles.read(RepositoryFiles.path("deploy/compose.env.example")).split("\n")) {
            if (!line.startsWith("#") && line.contains("=")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        Set<String> needed = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]+)[:}]").matcher(RepositoryFiles.read(RepositoryFiles.path("docker-compose.yml")));
        while (m.find()) {
            needed.add(m.group(1));
        }
        assertThat(example).isEqualTo(needed);
        assertThat(Files.exists(RepositoryFiles.path(".dockerignore"))).isTrue();
    }

    private static Set<String> names(JsonNode map) {
        Set<String> names = new TreeSet<>();
        map.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
