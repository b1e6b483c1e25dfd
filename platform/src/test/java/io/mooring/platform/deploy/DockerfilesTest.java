package io.mooring.platform.deploy;

import io.mooring.platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Each service's Dockerfile against the build and the code (the images are not built here: no Docker). */
class DockerfilesTest {

    @ParameterizedTest
    @EnumSource(Service.class)
    void buildsTheServiceWithTheMavenWrapperInAStageOfItsOwn(Service service) {
        List<String> lines = lines(service);
        assertThat(lines).filteredOn(l -> l.startsWith("FROM ")).containsExactly(
                "FROM eclipse-temurin:21-jdk-noble AS build", "FROM eclipse-temurin:21-jre-noble");
        assertThat(lines).anyMatch(l -> l.startsWith("RUN ") && l.contains("./mvnw ")
                && l.contains(" -pl " + service.id() + " -am package -DskipTests"));
        // the shaded jar Service.jar names: <module>/target/<module>-<version>-all.jar
        String jar = service.jar(RepositoryFiles.ROOT, "*").toString().substring(RepositoryFiles.ROOT.toString().length() + 1);
        assertThat(lines).contains("COPY --from=build /src/" + jar + " /opt/mooring/" + service.id() + ".jar");
        assertThat(lines).anyMatch(l -> l.startsWith("ENTRYPOINT [\"java\"") && l.endsWith("\"-jar\", \"/opt/mooring/" + service.id() + ".jar\"]"));
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void runsAsANonRootUserAndChecksItsOwnHealth(Service service) {
        List<String> lines = lines(service);
        Matcher user = Pattern.compile("USER (\\d+)(:\\d+)?").matcher(lines.stream().filter(l -> l.startsWith("USER ")).findFirst().orElse(""));
        assertThat(user.matches()).as("USER uid[:gid]").isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(lines).contains("EXPOSE " + service.defaultPort());
        assertThat(String.join("\n", lines)).contains("HEALTHCHECK ")
                .contains("curl -fsS -o /dev/null http://localhost:" + service.defaultPort() + "/health/readiness");
        assertThat(String.join("\n", lines)).contains("apt-get install -y --no-install-recommends curl");
    }

    @Test
    void theBackupImageCarriesPgDumpOfTheComposePostgresMajorVersion() {
        String image = RepositoryFiles.yaml(RepositoryFiles.path("docker-compose.yml")).path("services").path("postgres").path("image").asText();
        Matcher tag = Pattern.compile("postgres:(\\d+)(\\..*)?").matcher(image);
        assertThat(tag.matches()).as(image).isTrue();
        assertThat(String.join("\n", lines(Service.BACKUP))).contains(" postgresql-client-" + tag.group(1));
        for (Service other : List.of(Service.PROVISIONER, Service.MONITOR, Service.SEARCH, Service.CHATOPS)) {
            assertThat(String.join("\n", lines(other))).doesNotContain("postgresql-client");
        }
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalData() {
        assertThat(RepositoryFiles.read(RepositoryFiles.path(".dockerignore")).lines().toList())
                .contains("**/target", ".mooring", ".git", ".env");
    }

    /** The Dockerfile's instructions, continuation lines joined. */
    private static List<String> lines(Service service) {
        String text = RepositoryFiles.read(RepositoryFiles.path(service.id() + "/Dockerfile"));
        return text.replace("\\\n", " ").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
