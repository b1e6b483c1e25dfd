package io.mooring.platform.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Renders the base and the production overlay with {@code kubectl kustomize} when a kubectl with
 * kustomize 5 or newer is on the PATH (skipped otherwise: Debian's {@code kubernetes-client} 1.20 bundles
 * kustomize 2, which knows neither {@code labels} nor targeted {@code patches}), and checks what comes out
 * against the Kubernetes schemas.
 */
class KustomizeBuildTest {
    private static Path kubectl;

    private static String missing = "kubectl is not on the PATH";

    @BeforeAll
    static void findKubectl() throws IOException, InterruptedException {
        Path found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        if (found == null) {
            return;
        }
        Matcher version = Pattern.compile("Kustomize Version: v(\\d+)").matcher(run(found, "version", "--client"));
        if (version.find() && Integer.parseInt(version.group(1)) >= 5) {
            kubectl = found;
        } else {
            missing = found + " bundles no kustomize 5 or newer";
        }
    }

    @Test
    void theBaseRendersIntoValidObjects() throws Exception {
        List<JsonNode> objects = render("base");
        assertThat(objects).hasSize(25);
        objects.forEach(o -> assertThat(JsonSchemas.kubernetesErrors(o)).as(o.path("kind") + "/" + o.path("metadata").path("name")).isEmpty());
        assertThat(objects).allSatisfy(o -> assertThat(o.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText()).isEqualTo("mooring"));
    }

    @Test
    void theProductionOverlayRendersThreeReplicasPinnedImagesAndNoSecrets() throws Exception {
        List<JsonNode> objects = render("overlays/production");
        objects.forEach(o -> assertThat(JsonSchemas.kubernetesErrors(o)).as(o.path("kind") + "/" + o.path("metadata").path("name")).isEmpty());
        assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("Secret"));
        List<JsonNode> deployments = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).toList();
        assertThat(deployments).hasSize(5).allSatisfy(d -> {
            assertThat(d.path("metadata").path("namespace").asText()).isEqualTo("mooring");
            assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(3);
            JsonNode container = d.path("spec").path("template").path("spec").path("containers").get(0);
            assertThat(container.path("image").asText()).doesNotEndWith(":latest");
            assertThat(container.path("resources").path("requests").path("memory").asText()).isIn("1Gi", "2Gi");
        });
    }

    private static List<JsonNode> render(String dir) throws IOException, InterruptedException {
        assumeTrue(kubectl != null, missing);
        List<JsonNode> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(run(kubectl, "kustomize", KubernetesManifestsTest.KUBERNETES.resolve(dir).toString()))) {
            if (document != null) {
                objects.add(new ObjectMapper().valueToTree(document));
            }
        }
        return objects;
    }

    /** The standard output of kubectl; fails on a non-zero exit with its standard error. */
    private static String run(Path kubectl, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
            assertThat(process.exitValue()).as(Files.readString(err)).isZero();
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
