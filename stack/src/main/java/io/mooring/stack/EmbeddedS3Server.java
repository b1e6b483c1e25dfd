package io.mooring.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3Proxy run as a child JVM with the filesystem-nio2 backend: buckets are directories under
 * {@code dir/blobs}. Signatures V2 and V4 are accepted; clients need path-style access.
 */
public final class EmbeddedS3Server implements S3Server {

    public static final String ACCESS_KEY = "mooring";
    public static final String SECRET_KEY = "mooring-secret";
    public static final String REGION = "us-east-1";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3Server.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final ChildProcess process;
    private final int port;

    private EmbeddedS3Server(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts on a free port; objects already in {@code dir/blobs} are served. */
    public static EmbeddedS3Server start(Path dir) {
        long started = System.nanoTime();
        Path jar = ServerLocations.requireExists(ServerLocations.load().s3proxyJar());
        Path home = dir.toAbsolutePath();
        int port = Ports.kept(home, "s3");
        String endpoint = "http://" + Ports.HOST + ":" + port;
        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", endpoint);
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", ACCESS_KEY);
        config.setProperty("s3proxy.credential", SECRET_KEY);
        config.setProperty("jclouds.provider", "filesystem-nio2");
        config.setProperty("jclouds.filesystem.basedir", home.resolve("blobs").toString());
        // the filesystem backend ignores these, but S3Proxy refuses to start without them
        config.setProperty("jclouds.identity", "unused");
        config.setProperty("jclouds.credential", "unused");
        try {
            Files.createDirectories(home.resolve("blobs"));
            Files.createDirectories(home.resolve("tmp"));
            try (OutputStream out = Files.newOutputStream(home.resolve("s3proxy.conf"))) {
                config.store(out, "S3Proxy for Mooring");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + home, e);
        }
        List<String> command = new ArrayList<>(List.of(CurrentJvm.javaExecutable(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + home.resolve("tmp")));
        command.addAll(CurrentJvm.quietJdkWarnings());
        command.addAll(List.of("-jar", jar.toString(), "--properties", home.resolve("s3proxy.conf").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("LOG_LEVEL", "warn");
        ChildProcess process = ChildProcess.start("s3proxy", builder, home.resolve("s3proxy.log"));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest root = HttpRequest.newBuilder(URI.create(endpoint + "/")).timeout(Duration.ofSeconds(5)).build();
        // any HTTP answer (403 for an anonymous request) means S3Proxy serves requests
        Readiness.await(process, READY_TIMEOUT,
                () -> http.send(root, HttpResponse.BodyHandlers.discarding()).statusCode() > 0);
        EmbeddedS3Server server = new EmbeddedS3Server(process, port);
        LOG.info("s3 {} ready in {} ms (dir {})", endpoint, (System.nanoTime() - started) / 1_000_000, home);
        return server;
    }

    @Override
    public String endpoint() {
        return "http://" + Ports.HOST + ":" + port;
    }

    @Override
    public String accessKey() {
        return ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return SECRET_KEY;
    }

    @Override
    public String region() {
        return REGION;
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
        return "EmbeddedS3Server[" + endpoint() + "]";
    }
}
