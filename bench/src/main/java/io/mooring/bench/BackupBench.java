package io.mooring.bench;

import io.mooring.stack.S3Server;
import io.mooring.stack.Servers;
import io.mooring.stack.TenantPostgresServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backup benchmark: on one tenant Postgres and one S3 server, for each database size, (a) the backup
 * service's writer, (b) {@code pg_dump -Fc -Z0 | zstd | age -r KEY > file}, (c) the same piped to
 * {@code aws s3 cp - s3://...}; then restores: the service's restorer against
 * {@code age -d | zstd -d | pg_restore}. Prints MiB/s (of {@code pg_dump} output), the ratios a/b and
 * a/c, and the writer's and restorer's peak RSS.
 *
 * <p>{@code BackupBench [--sizes 256,1024]} (MiB of database, {@code pg_database_size}).
 */
public final class BackupBench {
    private static final double MIB = 1024 * 1024;
    private static final String[] WORDS = ("the a to and of in is it you that was for on are with as I his they be at one have "
            + "this from or had by hot word but what some we can out other were all there when up use your how said an each "
            + "she which do their time if will way about many then them write would like so these her long make thing see him "
            + "two has look more day could go come did number sound no most people my over know water than call first who may "
            + "down side been now find any new work part take get place made live where after back little only round man year "
            + "came show every good me give our under name very through just form sentence great think say help low line differ "
            + "turn cause much mean before move right boy old too same tell does set three want air well also play small end "
            + "put home read hand port large spell add even land here must big high such follow act why ask men change went "
            + "light kind off need house picture try us again animal point mother world near build self earth father").split(" ");

    private final TenantPostgresServer postgres;
    private final S3Server s3;
    private final Path work;
    private final String recipient;
    private final Path identity;
    private final String bucket = "bench-backups";
    /** Where the writer and restorer JVMs leave a JFR recording each ({@code --jfr}), or null. */
    private Path jfr;
    /** Rounds of (a) in a warm JVM, (b) and (c), one after the other ({@code --rounds}). */
    private int rounds = 1;

    private BackupBench(Path work) throws Exception {
        this.work = work;
        this.postgres = Servers.tenantPostgres();
        this.s3 = Servers.s3();
        this.identity = work.resolve("age-identity.txt");
        Files.deleteIfExists(identity);
        sh("age-keygen -o " + identity + " 2>/dev/null", Map.of());
        this.recipient = sh("age-keygen -y " + identity, Map.of()).strip();
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(256, 1024);
        Path jfr = null;
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sizes") && i + 1 < args.length) {
                sizes = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
            } else if (args[i].equals("--jfr") && i + 1 < args.length) {
                jfr = Files.createDirectories(Path.of(args[++i]).toAbsolutePath());
            } else if (args[i].equals("--rounds") && i + 1 < args.length) {
                rounds = Integer.parseInt(args[++i]);
                if (rounds < 1 || rounds > 9) {
                    throw new IllegalArgumentException("--rounds must be 1 to 9");
                }
            } else {
                System.err.println("usage: BackupBench [--sizes 256,1024] [--rounds 1] [--jfr DIR]");
                System.exit(2);
            }
        }
        Path work = Files.createDirectories(Path.of(System.getProperty("mooring.root", ".")).resolve("bench/target/backup-bench"));
        BackupBench bench = new BackupBench(work);
        bench.jfr = jfr;
        bench.rounds = rounds;
        List<String> rows = new ArrayList<>();
        for (int size : sizes) {
            rows.addAll(bench.measure(size));
        }
        System.out.println();
        System.out.println("pg_dump -Fc -Z0 output measured; MiB/s = that output / wall time; zstd level 3 everywhere");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private List<String> measure(int sizeMib) throws Exception {
        String db = "bench_" + sizeMib;
        long dbBytes = generate(db, sizeMib);
        log("database %s: %.0f MiB", db, dbBytes / MIB);
        String warmUp = "bench_warmup";
        generate(warmUp, 16);

        // a JVM's first backup: it loads and compiles the writer's code on the way
        String keyA = "a/" + db + "-" + System.nanoTime() + ".pgdump.zst.age";
        double[] cold = child("write", db, keyA);
        long plaintext = (long) cold[1];
        log("(a) writer, new JVM: %.1f s, %.0f MiB dumped, %.0f MiB stored, peak RSS %.0f MiB", cold[0], plaintext / MIB,
                cold[2] / MIB, cold[3] / 1024);

        Path file = work.resolve(db + ".pgdump.zst.age");
        Map<String, String> pg = pgEnvironment(db);
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] c = new double[rounds];
        double[] warm = null;
        for (int round = 0; round < rounds; round++) {
            // as a service runs its backups: the JVM backed up another database before
            warm = child("write", db, "a/" + db + "-" + System.nanoTime() + ".pgdump.zst.age", warmUp);
            a[round] = warm[0];
            log("(a) writer, warm JVM: %.1f s, peak RSS %.0f MiB", a[round], warm[3] / 1024);
            b[round] = timed("pg_dump -Fc -Z0 | zstd -q -3 | age -r " + recipient + " > " + file, pg);
            log("(b) pg_dump | zstd | age > file: %.1f s (%.0f MiB file)", b[round], Files.size(file) / MIB);
            String keyC = "c/" + db + "-" + System.nanoTime() + ".pgdump.zst.age";
            c[round] = timed("pg_dump -Fc -Z0 | zstd -q -3 | age -r " + recipient + " | /usr/bin/aws s3 cp --only-show-errors "
                    + "--endpoint-url " + s3.endpoint() + " - s3://" + bucket + "/" + keyC, pg);
            log("(c) pg_dump | zstd | age | aws s3 cp -: %.1f s", c[round]);
            log("    round %d: a/b = %.2f, a/c = %.2f", round + 1, b[round] / a[round], c[round] / a[round]);
        }

        String restoredA = db + "_ra";
        String restoredB = db + "_rb";
        drop(restoredA);
        drop(restoredB);
        double[] ra = child("restore", keyA, restoredA);
        log("restore (a) service restorer: %.1f s, peak RSS %.0f MiB", ra[0], ra[3] / 1024);
        Map<String, String> pgB = pgEnvironment(restoredB);
        double rb = timed("createdb && age -d -i " + identity + " < " + file + " | zstd -q -d | pg_restore --no-owner "
                + "--no-privileges --exit-on-error --single-transaction -d " + restoredB, pgB);
        log("restore (b) age -d | zstd -d | pg_restore: %.1f s", rb);
        drop(restoredA);
        drop(restoredB);
        Files.deleteIfExists(file);

        List<String> rows = new ArrayList<>();
        double ma = median(a);
        double mb = median(b);
        double mc = median(c);
        rows.add(String.format(Locale.ROOT, "database %s: %.0f MiB on disk, pg_dump output %.0f MiB, stored %.0f MiB; %d round(s), medians",
                db, dbBytes / MIB, plaintext / MIB, cold[2] / MIB, rounds));
        rows.add(String.format(Locale.ROOT, "  (a) service writer, new JVM %7.1f MiB/s  (%.1f s)  peak RSS %.0f MiB",
                plaintext / MIB / cold[0], cold[0], cold[3] / 1024));
        rows.add(String.format(Locale.ROOT, "  (a) service writer, warm    %7.1f MiB/s  (%.1f s; %s)  peak RSS %.0f MiB",
                plaintext / MIB / ma, ma, seconds(a), warm[3] / 1024));
        rows.add(String.format(Locale.ROOT, "  (b) pipeline to a file      %7.1f MiB/s  (%.1f s; %s)", plaintext / MIB / mb, mb, seconds(b)));
        rows.add(String.format(Locale.ROOT, "  (c) pipeline to aws s3 cp   %7.1f MiB/s  (%.1f s; %s)", plaintext / MIB / mc, mc, seconds(c)));
        rows.add(String.format(Locale.ROOT, "  warm: a/b = %.2f   a/c = %.2f;  new JVM: a/b = %.2f   a/c = %.2f",
                mb / ma, mc / ma, mb / cold[0], mc / cold[0]));
        rows.add(String.format(Locale.ROOT, "  restore: service %7.1f MiB/s (%.1f s, peak RSS %.0f MiB), age -d | zstd -d | pg_restore %7.1f MiB/s (%.1f s), ratio %.2f",
                plaintext / MIB / ra[0], ra[0], ra[3] / 1024, plaintext / MIB / rb, rb, rb / ra[0]));
        return rows;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String seconds(double[] values) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v))
                .collect(java.util.stream.Collectors.joining(", ")) + " s";
    }

    /** {seconds, plaintext bytes, stored bytes, peak RSS KiB} from the writer or restorer JVM. */
    private double[] child(String mode, String first, String second, String... more) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m"));
        if (jfr != null) {
            command.add("-XX:StartFlightRecording=settings=profile,filename="
                    + jfr.resolve(mode + "-" + second.replaceAll("[^A-Za-z0-9_.-]", "_") + ".jfr"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mooring.backup.artifact.ArtifactBenchChild",
                mode, first, second));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("BENCH_S3_ENDPOINT", s3.endpoint());
        env.put("BENCH_S3_ACCESS_KEY", s3.accessKey());
        env.put("BENCH_S3_SECRET_KEY", s3.secretKey());
        env.put("BENCH_BUCKET", bucket);
        env.put("BENCH_AGE_RECIPIENT", recipient);
        env.put("BENCH_AGE_IDENTITY_FILE", identity.toString());
        env.put("BENCH_PG_HOST", postgres.host());
        env.put("BENCH_PG_PORT", Integer.toString(postgres.port()));
        env.put("BENCH_PG_USER", postgres.user());
        env.put("BENCH_PG_PASSWORD", postgres.password());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mode + " failed: " + out);
        }
        String[] last = out.lines().reduce((x, y) -> y).orElseThrow().split(" ");
        return Arrays.stream(last).mapToDouble(Double::parseDouble).toArray();
    }

    private Map<String, String> pgEnvironment(String db) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", postgres.host());
        env.put("PGPORT", Integer.toString(postgres.port()));
        env.put("PGUSER", postgres.user());
        env.put("PGPASSWORD", postgres.password());
        env.put("PGDATABASE", db);
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        env.put("AWS_DEFAULT_REGION", s3.region());
        return env;
    }

    private double timed(String script, Map<String, String> env) throws Exception {
        long t = System.nanoTime();
        sh(script, env);
        return (System.nanoTime() - t) / 1e9;
    }

    private static String sh(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + script);
        }
        return out;
    }

    /** A Mastodon-like database of at least {@code sizeMib}; returns its size in bytes. */
    private long generate(String db, int sizeMib) throws SQLException {
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            ResultSet rs = st.executeQuery("SELECT pg_database_size('" + db + "') FROM pg_database WHERE datname = '" + db + "'");
            if (rs.next() && rs.getLong(1) >= sizeMib * MIB) {
                return rs.getLong(1);
            }
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db);
            st.execute("GRANT CONNECT ON DATABASE " + db + " TO " + TenantPostgresServer.BACKUP_ROLE);
        }
        String words = "('{" + String.join(",", WORDS) + "}'::text[])";
        try (Connection c = admin(db); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE accounts (id bigint PRIMARY KEY, username text UNIQUE NOT NULL, email text, display_name text,
                      note text, fields jsonb, created_at timestamptz NOT NULL);
                    CREATE TABLE statuses (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts,
                      in_reply_to_id bigint, text text NOT NULL, language text, visibility int, meta jsonb, created_at timestamptz NOT NULL);
                    CREATE INDEX statuses_account ON statuses (account_id, created_at DESC);
                    CREATE TABLE media_attachments (id bigint PRIMARY KEY, status_id bigint REFERENCES statuses, url text,
                      description text, blurhash text, meta jsonb);
                    CREATE TABLE follows (account_id bigint, target_account_id bigint, created_at timestamptz,
                      PRIMARY KEY (account_id, target_account_id));
                    """);
            long batch = 100_000;
            for (long from = 0; ; from += batch) {
                long to = from + batch;
                st.execute("INSERT INTO accounts SELECT g, 'user' || g, 'user' || g || '@example.org', initcap(" + words
                        + "[1 + (g % 199)]) || ' ' || g, md5(g::text) || ' ' || " + words + "[1 + (g % 97)], "
                        + "jsonb_build_array(jsonb_build_object('name', 'site', 'value', 'https://example.org/' || g)), "
                        + "now() - (g || ' minutes')::interval FROM generate_series(" + (from / 50) + ", " + (to / 50 - 1) + ") g");
                st.execute("INSERT INTO statuses SELECT g, g / 50, CASE WHEN g % 3 = 0 THEN g - 1 END, "
                        + "(SELECT string_agg(" + words + "[1 + (random() * 198)::int], ' ') FROM generate_series(1, 30 + g % 40) w "
                        + "WHERE g >= 0), (array['en','de','fr','es'])[1 + g % 4], g % 4, jsonb_build_object('tags', "
                        + "jsonb_build_array(" + words + "[1 + g % 199], " + words + "[1 + g % 113]), 'replies', g % 17, 'sensitive', g % 11 = 0), "
                        + "now() - (g || ' seconds')::interval FROM generate_series(" + from + ", " + (to - 1) + ") g");
                st.execute("INSERT INTO media_attachments SELECT g, g * 4, 'https://media.example.org/' || md5(g::text) || '.jpg', "
                        + "'a picture of ' || " + words + "[1 + g % 199], substr(md5((g * 7)::text), 1, 20), "
                        + "jsonb_build_object('width', 1024 + g % 512, 'height', 768 + g % 256) FROM generate_series("
                        + (from / 4) + ", " + (to / 4 - 1) + ") g");
                st.execute("INSERT INTO follows SELECT a, (a * 7 + k) % " + Math.max(1, to / 50) + ", now() FROM generate_series("
                        + (from / 50) + ", " + (to / 50 - 1) + ") a, generate_series(1, 10) k ON CONFLICT DO NOTHING");
                ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())");
                rs.next();
                long size = rs.getLong(1);
                log("  generating %s: %.0f MiB", db, size / MIB);
                if (size >= sizeMib * MIB) {
                    st.execute("VACUUM ANALYZE");
                    return size;
                }
            }
        }
    }

    private void drop(String db) throws SQLException {
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    private Connection admin(String db) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(db), postgres.user(), postgres.password());
    }

    private static void log(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
