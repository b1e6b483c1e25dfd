package io.mooring.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kustomize manifests under deploy/kubernetes, checked without a cluster: structure, the strict
 * Kubernetes schemas of each kind, and settings against what each service reads.
 */
class KubernetesManifestsTest {
    static final Path KUBERNETES = RepositoryFiles.path("deploy/kubernetes");
    private static final Path BASE = KUBERNETES.resolve("base");
    private static final Pattern SECRET_FILE = Pattern.compile("/run/secrets/mooring/(.+)");

    @Test
    void everyKustomizationNamesFilesThatExist() {
        List<Path> kustomizations = kustomizations();
        assertThat(kustomizations).isNotEmpty();
        for (Path kustomization : kustomizations) {
            JsonNode k = RepositoryFiles.yaml(kustomization);
            Path dir = kustomization.getParent();
            k.path("resources").forEach(r -> assertThat(dir.resolve(r.asText())).as(kustomization + ": " + r.asText()).exists());
            k.path("patches").forEach(p -> assertThat(dir.resolve(p.path("path").asText())).as(kustomization + ": patch").isRegularFile());
        }
    }

    @Test
    void everyManifestMatchesTheKubernetesSchemaOfItsKind() {
        List<Path> manifests = manifests();
        assertThat(manifests).hasSizeGreaterThanOrEqualTo(Service.values().length * 5);
        for (Path manifest : manifests) {
            for (JsonNode object : RepositoryFiles.yamlDocuments(manifest)) {
                assertThat(JsonSchemas.kubernetesErrors(object)).as(manifest.toString()).isEmpty();
            }
        }
    }

    @Test
    void theSchemaCheckCatchesAMisspeltField() {
        JsonNode deployment = object(Service.PROVISIONER, "deployment.yaml").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec")).put("replica", 2);
        assertThat(JsonSchemas.kubernetesErrors(deployment)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void eachDeploymentRunsTwoReplicasWithProbesResourcesAndScrapeAnnotations(Service service) {
        JsonNode deployment = object(service, "deployment.yaml");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(2);
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).startsWith("mooring/" + service.id() + ":");
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(service.defaultPort());
        assertThat(container.path("ports").get(0).path("name").asText()).isEqualTo("http");
        // a Kafka outage turns readiness DOWN and must not restart pods: liveness asks only whether the process answers
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/liveness");
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).isEqualTo("/health/liveness");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/readiness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.path(probe).path("httpGet").path("port").asText()).as(probe).isEqualTo("http");
        }
        for (String bound : List.of("requests", "limits")) {
            assertThat(container.path("resources").path(bound).has("cpu")).as(bound).isTrue();
            assertThat(container.path("resources").path(bound).has("memory")).as(bound).isTrue();
        }
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(Integer.toString(service.defaultPort()));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/prometheus");
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void aServiceAndADisruptionBudgetSelectThePods(Service service) {
        JsonNode labels = object(service, "deployment.yaml").path("spec").path("template").path("metadata").path("labels");
        JsonNode pdb = object(service, "poddisruptionbudget.yaml");
        assertThat(pdb.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);
        assertThat(pdb.path("spec").path("minAvailable").asInt()).isBetween(1, 1);
        JsonNode svc = object(service, "service.yaml");
        assertThat(svc.path("spec").path("selector")).isEqualTo(labels);
        assertThat(svc.path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(service.defaultPort());
        assertThat(svc.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void servicesAreGivenOnlySettingsTheyReadAndEveryRequiredOne(Service service) {
        Map<String, String> environment = environment(service);
        ServiceSettings settings = ServiceSettings.of(service);
        assertThat(environment.keySet().stream().filter(v -> !settings.reads(v)).toList())
                .as("variables %s does not read", service.id()).isEmpty();
        assertThat(RequiredSettings.missing(service, environment)).as("required settings of " + service.id()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everySecretFileIsAKeyOfTheMountedSecret(Service service) {
        JsonNode deployment = object(service, "deployment.yaml");
        JsonNode volume = deployment.path("spec").path("template").path("spec").path("volumes").get(0);
        JsonNode secret = object(service, "secret.yaml");
        assertThat(volume.path("secret").path("secretName").asText()).isEqualTo(secret.path("metadata").path("name").asText());
        JsonNode mount = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("volumeMounts").get(0);
        assertThat(mount.path("name").asText()).isEqualTo(volume.path("name").asText());
        assertThat(mount.path("mountPath").asText()).isEqualTo("/run/secrets/mooring");
        Set<String> keys = new TreeSet<>();
        secret.path("stringData").fieldNames().forEachRemaining(keys::add);
        Set<String> referenced = new TreeSet<>();
        environment(service).values().forEach(value -> {
            Matcher m = SECRET_FILE.matcher(value == null ? "" : value);
            if (m.matches()) {
                referenced.add(m.group(1));
            }
        });
        assertThat(keys).isEqualTo(referenced);
    }

    @Test
    void theProductionOverlayPinsImagesForEveryServiceAndLeavesSecretsOut() {
        JsonNode overlay = RepositoryFiles.yaml(KUBERNETES.resolve("overlays/production/kustomization.yaml"));
        List<String> images = new ArrayList<>();
        overlay.path("images").forEach(i -> {
            images.add(i.path("name").asText());
            assertThat(i.path("newTag").asText()).isNotBlank().isNotEqualTo("latest");
        });
        assertThat(images).containsExactlyInAnyOrderElementsOf(Stream.of(Service.values()).map(s -> "mooring/" + s.id()).toList());
        List<String> deleted = new ArrayList<>();
        overlay.path("patches").forEach(p -> {
            JsonNode patch = RepositoryFiles.yaml(KUBERNETES.resolve("overlays/production").resolve(p.path("path").asText()));
            if ("delete".equals(patch.path("$patch").asText())) {
                deleted.add(patch.path("kind").asText() + "/" + patch.path("metadata").path("name").asText());
            }
        });
        assertThat(deleted).containsExactlyInAnyOrderElementsOf(Stream.of(Service.values()).map(s -> "Secret/" + s.id()).toList());
    }

    /** The settings the container gets: its ConfigMap (envFrom) and the Deployment's own env. */
    static Map<String, String> environment(Service service) {
        Map<String, String> environment = new HashMap<>();
        JsonNode container = object(service, "deployment.yaml").path("spec").path("template").path("spec").path("containers").get(0);
        String configMap = container.path("envFrom").get(0).path("configMapRef").path("name").asText();
        JsonNode data = object(service, "configmap.yaml");
        assertThat(data.path("metadata").path("name").asText()).isEqualTo(configMap);
        environment.putAll(RepositoryFiles.strings(data.path("data")));
        container.path("env").forEach(e -> environment.put(e.path("name").asText(), e.path("value").asText("")));
        return environment;
    }

    static JsonNode object(Service service, String file) {
        return RepositoryFiles.yaml(BASE.resolve(service.id()).resolve(file));
    }

    private static List<Path> kustomizations() {
        return yamlFiles().stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    /** Every Kubernetes object file: what kustomizations list as resources, not kustomizations or patches. */
    private static List<Path> manifests() {
        List<Path> manifests = new ArrayList<>();
        for (Path kustomization : kustomizations()) {
            RepositoryFiles.yaml(kustomization).path("resources").forEach(r -> {
                Path resource = kustomization.getParent().resolve(r.asText()).normalize();
                if (Files.isRegularFile(resource)) {
                    manifests.add(resource);
                }
            });
        }
        return manifests;
    }

    private static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
