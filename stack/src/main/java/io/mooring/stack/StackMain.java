package io.mooring.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code StackMain <dataDir> [--databases a,b,c]}: starts all servers with persistent data under
 * {@code dataDir} (kafka/, postgres/, tenant_postgres/, redis/, opensearch/, s3/), creates the
 * databases, writes {@code dataDir/stack.env} (MOORING_* lines, passwords included: it is readable by
 * its owner only), prints one line per server, then runs until SIGTERM or SIGINT and stops everything.
 */
public final class StackMain {

    /** Held for the life of the JVM so that two stacks never share a data directory. */
    private static FileLock dataDirLock;

    private StackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--databases") && i + 1 < args.length) {
                databases.addAll(names(args[++i]));
            } else if (arg.startsWith("--databases=")) {
                databases.addAll(names(arg.substring("--databases=".length())));
            } else if (!arg.startsWith("--") && dataDir == null) {
                dataDir = Path.of(arg).toAbsolutePath();
            } else {
                dataDir = null;
                break;
            }
        }
        if (dataDir == null) {
            System.err.println("usage: StackMain <dataDir> [--databases a,b,c]");
            System.exit(2);
        }
        Files.createDirectories(dataDir);
        dataDirLock = lock(dataDir);
        if (dataDirLock == null) {
            System.err.println("another StackMain is running with " + dataDir);
            System.exit(1);
        }

        Map<ServerKind, StackServer> servers;
        try {
            servers = LocalStack.start(dataDir);
        } catch (RuntimeException e) {
            System.err.println("stack did not start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalStack.stop(servers);
            System.out.println("stack stopped");
        }, "mooring-stack-stop"));

        PostgresServer postgres = (PostgresServer) servers.get(ServerKind.POSTGRES);
        databases.forEach(postgres::createDatabase);
        Path env = dataDir.resolve("stack.env");
        LocalStack.writeEnvironmentFile(env, LocalStack.environment(servers));

        KafkaServer kafka = (KafkaServer) servers.get(ServerKind.KAFKA);
        RedisServer redis = (RedisServer) servers.get(ServerKind.REDIS);
        OpenSearchServer openSearch = (OpenSearchServer) servers.get(ServerKind.OPENSEARCH);
        S3Server s3 = (S3Server) servers.get(ServerKind.S3);
        System.out.printf("kafka       %s%n", kafka.bootstrapServers());
        System.out.printf("postgres    postgresql://%s@%s:%d%s%n", postgres.user(), postgres.host(), postgres.port(),
                databases.isEmpty() ? "" : " (databases: " + String.join(", ", databases) + ")");
        TenantPostgresServer tenants = (TenantPostgresServer) servers.get(ServerKind.TENANT_POSTGRES);
        System.out.printf("tenant pg   postgresql://%s@%s:%d (tenant databases)%n", tenants.user(), tenants.host(), tenants.port());
        System.out.printf("redis       %s (CA %s)%n", redis.uri().replaceFirst("//[^@/]*@", "//"), redis.caCertificate());
        System.out.printf("opensearch  %s%n", openSearch.url());
        System.out.printf("s3          %s (access key %s)%n", s3.endpoint(), s3.accessKey());
        System.out.printf("environment %s%n", env);
        System.out.flush();
        forever.await();
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Held until the JVM exits; null when another process holds it. */
    private static FileLock lock(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve("stack.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return channel.tryLock();
    }
}
