package io.mooring.backup.artifact;

import io.micronaut.json.JsonMapper;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import io.mooring.backup.policy.TargetKind;
import io.mooring.backup.source.PostgresSource;
import io.mooring.backup.source.PostgresSourceSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The backup service's Postgres writer or restorer in a JVM of its own, as the service runs them (the
 * same beans, built by hand instead of by the application context, so that Kafka and the service's own
 * database are not needed). Prints one line: {@code seconds plaintextBytes storedBytes peakRssKiB}.
 *
 * <p>{@code write <database> <key> [<warm-up database>]} or {@code restore <key> <database>}; settings from
 * {@code BENCH_*} variables. With a warm-up database, that database is backed up first (to {@code <key>.warm-up}, not
 * timed), so that the timed backup runs in a JVM that has loaded and compiled its code, as a service's does after its
 * first backup.
 */
public final class ArtifactBenchChild {
    private ArtifactBenchChild() {
    }

    public static void main(String[] args) throws Exception {
        Destinations destinations = new Destinations(List.of(), env("BENCH_S3_ENDPOINT"), "us-east-1",
                env("BENCH_S3_ACCESS_KEY"), env("BENCH_S3_SECRET_KEY"), env("BENCH_BUCKET"), Duration.ofMinutes(5));
        Destination destination = destinations.require("default");
        Artifacts artifacts = new Artifacts(destinations, new Manifests(destinations, JsonMapper.createDefault()),
                new AgeKeys(List.of(env("BENCH_AGE_RECIPIENT")), env("BENCH_AGE_IDENTITY_FILE")), new ArtifactSettings(),
                Clock.systemUTC(), (where, owner) -> MultipartUpload.Tracker.NONE);
        PostgresSourceSettings settings = new PostgresSourceSettings();
        settings.setHost(env("BENCH_PG_HOST"));
        settings.setPort(Integer.parseInt(env("BENCH_PG_PORT")));
        settings.setUser(env("BENCH_PG_USER"));
        settings.setPassword(env("BENCH_PG_PASSWORD"));
        // the machine may be busy with other work: a slow connection is not what is measured
        settings.setConnectTimeout(Duration.ofMinutes(1));
        PostgresSource source = new PostgresSource(settings);
        PostgresArtifactWriter writer = new PostgresArtifactWriter(source, artifacts);
        if (args[0].equals("write") && args.length > 3) {
            writer.write(request(args[3], destination, args[2] + ".warm-up"), Progress.NONE);
        }
        long started = System.nanoTime();
        long plaintext;
        long stored = 0;
        if (args[0].equals("write")) {
            ArtifactWritten written = writer.write(request(args[1], destination, args[2]), Progress.NONE);
            plaintext = written.plaintextBytes();
            stored = written.storedBytes();
        } else {
            long[] seen = new long[1];
            new PostgresArtifactRestorer(source, artifacts).restore(new RestoreRequest(TargetKind.POSTGRES_DATABASE,
                    destination, args[1], "bench", args[2], false), bytes -> seen[0] = bytes);
            plaintext = seen[0];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%.3f %d %d %d%n", seconds, plaintext, stored, peakRssKib());
        System.exit(0);
    }

    private static ArtifactRequest request(String database, Destination destination, String key) {
        return new ArtifactRequest("bench", UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                TargetKind.POSTGRES_DATABASE, database, destination, key, 3, List.of(env("BENCH_AGE_RECIPIENT")), 0);
    }

    /** VmHWM: the most resident memory this process has had. */
    private static long peakRssKib() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
