package io.mooring.platform.deploy;

import io.mooring.platform.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a deployed service must be given: its servers (the defaults point at 127.0.0.1), its tokens,
 * and the settings its README or code calls required. A setting {@code MOORING_X} is also given by
 * {@code MOORING_X_FILE}.
 */
final class RequiredSettings {
    private static final List<String> EVERY_SERVICE = List.of(
            "MOORING_KAFKA_BOOTSTRAP", "MOORING_AUTH_OPERATOR_TOKENS", "MOORING_AUTH_READ_TOKENS");
    private static final List<String> OWN_DATABASE = List.of(
            "MOORING_PG_HOST", "MOORING_PG_USER", "MOORING_PG_PASSWORD", "MOORING_PG_DATABASE");
    private static final List<String> PLATFORM_S3 = List.of(
            "MOORING_S3_ENDPOINT", "MOORING_S3_ACCESS_KEY", "MOORING_S3_SECRET_KEY");

    private static final Map<Service, List<String>> OWN = Map.of(
            // Redis: "the provisioner does not start without it"; the secret key: one-time results
            // written by one replica must be readable by the others; the tenant cluster: a server of its own
            Service.PROVISIONER, concat(OWN_DATABASE, PLATFORM_S3, List.of("MOORING_REDIS_URI",
                    "MOORING_PROVISIONER_SECRET_KEY", "MOORING_PROVISIONER_TARGETS_POSTGRES_HOST",
                    "MOORING_PROVISIONER_TARGETS_POSTGRES_PASSWORD", "MOORING_PROVISIONER_TARGETS_POSTGRES_BACKUP_ROLE")),
            // the sources it backs up, the key artifacts are encrypted to and restored with, the artifacts' store
            Service.BACKUP, concat(OWN_DATABASE, PLATFORM_S3, List.of("MOORING_BACKUP_SOURCES_POSTGRES_HOST",
                    "MOORING_BACKUP_SOURCES_POSTGRES_USER", "MOORING_BACKUP_SOURCES_POSTGRES_PASSWORD",
                    "MOORING_BACKUP_SOURCES_REDIS_URI", "MOORING_BACKUP_AGE_RECIPIENTS", "MOORING_BACKUP_AGE_IDENTITY_FILE")),
            Service.MONITOR, OWN_DATABASE,
            Service.SEARCH, List.of("MOORING_OPENSEARCH_URL"),
            // "mooring.redis.uri: none, required"
            Service.CHATOPS, List.of("MOORING_REDIS_URI"));

    private RequiredSettings() {
    }

    static List<String> of(Service service) {
        return concat(EVERY_SERVICE, OWN.get(service));
    }

    /** The required settings missing from an environment. */
    static List<String> missing(Service service, Map<String, String> environment) {
        return of(service).stream()
                .filter(v -> !environment.containsKey(v) && !environment.containsKey(v + "_FILE"))
                .toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return List.copyOf(all);
    }
}
