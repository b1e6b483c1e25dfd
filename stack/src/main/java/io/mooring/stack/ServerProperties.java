package io.mooring.stack;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names of the connection settings. Each Micronaut property {@code mooring.x.y-z} has the environment
 * variable {@code MOORING_X_Y_Z}.
 */
public final class ServerProperties {

    public static final String KAFKA_BOOTSTRAP = "mooring.kafka.bootstrap";
    public static final String PG_HOST = "mooring.pg.host";
    public static final String PG_PORT = "mooring.pg.port";
    public static final String PG_USER = "mooring.pg.user";
    public static final String PG_PASSWORD = "mooring.pg.password";
    public static final String TENANT_PG_HOST = "mooring.provisioner.targets.postgres.host";
    public static final String TENANT_PG_PORT = "mooring.provisioner.targets.postgres.port";
    public static final String TENANT_PG_USER = "mooring.provisioner.targets.postgres.user";
    public static final String TENANT_PG_PASSWORD = "mooring.provisioner.targets.postgres.password";
    public static final String TENANT_PG_BACKUP_ROLE = "mooring.provisioner.targets.postgres.backup-role";
    public static final String BACKUP_PG_HOST = "mooring.backup.sources.postgres.host";
    public static final String BACKUP_PG_PORT = "mooring.backup.sources.postgres.port";
    public static final String BACKUP_PG_USER = "mooring.backup.sources.postgres.user";
    public static final String BACKUP_PG_PASSWORD = "mooring.backup.sources.postgres.password";
    public static final String BACKUP_PG_SSLMODE = "mooring.backup.sources.postgres.sslmode";
    public static final String BACKUP_PG_SSLROOTCERT = "mooring.backup.sources.postgres.sslrootcert";
    public static final String BACKUP_REDIS_URI = "mooring.backup.sources.redis.uri";
    public static final String BACKUP_REDIS_CA_FILE = "mooring.backup.sources.redis.ca-file";
    public static final String TENANT_PG_SSLMODE = "mooring.provisioner.targets.postgres.sslmode";
    public static final String TENANT_PG_SSLROOTCERT = "mooring.provisioner.targets.postgres.sslrootcert";
    public static final String PG_SSLMODE = "mooring.pg.sslmode";
    public static final String PG_SSLROOTCERT = "mooring.pg.sslrootcert";
    public static final String REDIS_URI = "mooring.redis.uri";
    public static final String REDIS_CA_FILE = "mooring.redis.ca-file";
    public static final String OPENSEARCH_URL = "mooring.opensearch.url";
    public static final String S3_ENDPOINT = "mooring.s3.endpoint";
    public static final String S3_ACCESS_KEY = "mooring.s3.access-key";
    public static final String S3_SECRET_KEY = "mooring.s3.secret-key";
    public static final String S3_REGION = "mooring.s3.region";

    private ServerProperties() {
    }

    /** {@code mooring.redis.ca-file} becomes {@code MOORING_REDIS_CA_FILE}. */
    public static String environmentVariable(String property) {
        return property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The same settings keyed by environment variable names, sorted. */
    public static Map<String, String> toEnvironment(Map<String, String> properties) {
        Map<String, String> env = new TreeMap<>();
        properties.forEach((name, value) -> env.put(environmentVariable(name), value));
        return env;
    }
}
