package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single OpenSearch node (integ-test distribution + common modules, see {@link OpenSearchInstallation})
 * with its config, data and logs in its own directory. OpenSearch refuses to run as root: as root it
 * runs as uid/gid 65534 through setpriv, and its directory is chowned to that user.
 */
public final class EmbeddedOpenSearchServer implements OpenSearchServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedOpenSearchServer.class);
    private static final int UNPRIVILEGED_ID = 65534;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The node's heap, e.g. {@code 2g}: system property, else environment variable, else 512m. */
    public static final String HEAP_PROPERTY = "mooring.opensearch.heap";
    static final String HEAP_VARIABLE = "MOORING_OPENSEARCH_HEAP";
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[mg]");

    private final ChildProcess process;
    private final int httpPort;

    private EmbeddedOpenSearchServer(ChildProcess process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** The heap setting, checked: a number of megabytes or gigabytes such as {@code 512m} or {@code 2g}. */
    static String heap() {
        String value = System.getProperty(HEAP_PROPERTY, System.getenv().getOrDefault(HEAP_VARIABLE, "512m")).strip();
        if (!HEAP.matcher(value).matches()) {
            throw new IllegalArgumentException(HEAP_PROPERTY + " (" + HEAP_VARIABLE + ") must be megabytes or gigabytes "
                    + "such as 512m or 2g, was '" + value + "'");
        }
        return value;
    }

    /** Starts a node on free HTTP and transport ports; data in {@code dir/data} is reused. */
    public static EmbeddedOpenSearchServer start(Path dir) {
        if (CurrentJvm.featureVersion() < 21) {
            throw new IllegalStateException("OpenSearch 3 needs Java 21+, this JVM is " + Runtime.version());
        }
        long started = System.nanoTime();
        Path home = OpenSearchInstallation.ensure(ServerLocations.load());
        Path instance = dir.toAbsolutePath();
        Path config = instance.resolve("config");
        Path data = instance.resolve("data");
        Path logs = instance.resolve("logs");
        Path tmp = instance.resolve("tmp");
        int httpPort = Ports.kept(instance, "http");
        int transportPort = Ports.kept(instance, "transport");
        boolean root = CurrentJvm.isRoot();
        try {
            for (Path path : List.of(config, data, logs, tmp)) {
                Files.createDirectories(path);
            }
            copyConfig(home.resolve("config"), config, data, logs);
            if (root) {
                requireTraversable(home);
                requireTraversable(instance);
                chownTree(instance);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + instance, e);
        }

        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID,
                    "--clear-groups"));
        }
        command.add(home.resolve("bin").resolve("opensearch").toString());
        command.addAll(List.of(
                "-Ediscovery.type=single-node",
                "-Ecluster.name=mooring",
                "-Enode.name=mooring-1",
                "-Enetwork.host=" + Ports.HOST,
                "-Ehttp.port=" + httpPort,
                "-Etransport.port=" + transportPort,
                "-Epath.data=" + data,
                "-Epath.logs=" + logs,
                "-Ecluster.routing.allocation.disk.threshold_enabled=false"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "HOME", tmp.toString(),
                "OPENSEARCH_JAVA_HOME", CurrentJvm.javaHome().toString(),
                "OPENSEARCH_PATH_CONF", config.toString(),
                "OPENSEARCH_TMPDIR", tmp.toString(),
                "OPENSEARCH_JAVA_OPTS", "-Xms" + heap() + " -Xmx" + heap()));
        ChildProcess process = ChildProcess.start("opensearch", builder, instance.resolve("opensearch.log"));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://" + Ports.HOST + ":" + httpPort
                        + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .timeout(Duration.ofSeconds(5)).build();
        Readiness.await(process, READY_TIMEOUT,
                () -> http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        EmbeddedOpenSearchServer server = new EmbeddedOpenSearchServer(process, httpPort);
        LOG.info("opensearch {} ready in {} ms (dir {})", server.url(), (System.nanoTime() - started) / 1_000_000,
                instance);
        return server;
    }

    @Override
    public String url() {
        return "http://" + Ports.HOST + ":" + httpPort;
    }

    @Override
    public boolean external() {
        return false;
    }

    @Override
    public void stop() {
        process.stop(STOP_GRACE);
    }

    @Override
    public String toString() {
        return "EmbeddedOpenSearchServer[" + url() + "]";
    }

    /**
     * The distribution's config, with jvm.options paths that were relative to the home (gc log, error
     * file, heap dumps) pointed into this instance; an existing keystore is kept.
     */
    private static void copyConfig(Path source, Path target, Path data, Path logs) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path jvmOptions = target.resolve("jvm.options");
        Files.writeString(jvmOptions, Files.readString(jvmOptions)
                .replace("file=logs/gc.log", "file=" + logs.resolve("gc.log"))
                .replace("-XX:ErrorFile=logs/", "-XX:ErrorFile=" + logs + "/")
                .replace("-XX:HeapDumpPath=data", "-XX:HeapDumpPath=" + data));
    }

    /** Every directory from / down to {@code path} must be enterable by the unprivileged user. */
    private static void requireTraversable(Path path) throws IOException {
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)
                    && !Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)
                    && !Integer.valueOf(UNPRIVILEGED_ID).equals(Files.getAttribute(p, "unix:uid"))) {
                throw new IllegalStateException("OpenSearch runs as uid " + UNPRIVILEGED_ID + " (root is refused) and"
                        + " cannot enter " + p + " (mode " + Files.getPosixFilePermissions(p) + "): use a directory"
                        + " outside it, or chmod o+x it");
            }
        }
    }

    private static void chownTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                Files.setAttribute(path, "unix:uid", UNPRIVILEGED_ID);
                Files.setAttribute(path, "unix:gid", UNPRIVILEGED_ID);
            }
        }
    }
}
