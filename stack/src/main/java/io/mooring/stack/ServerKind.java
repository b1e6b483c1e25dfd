package io.mooring.stack;

import java.util.Arrays;
import java.util.Optional;

/** The servers the stack can provide, with the interface each is used through. */
public enum ServerKind {
    KAFKA(KafkaServer.class),
    POSTGRES(PostgresServer.class),
    /** The cluster the provisioner creates tenant databases on, apart from the services' own. */
    TENANT_POSTGRES(TenantPostgresServer.class),
    REDIS(RedisServer.class),
    OPENSEARCH(OpenSearchServer.class),
    S3(S3Server.class);

    private final Class<? extends StackServer> type;

    ServerKind(Class<? extends StackServer> type) {
        this.type = type;
    }

    public Class<? extends StackServer> type() {
        return type;
    }

    /** The kind whose interface is exactly {@code type}, if any. */
    public static Optional<ServerKind> forType(Class<?> type) {
        return Arrays.stream(values()).filter(k -> k.type == type).findFirst();
    }
}
