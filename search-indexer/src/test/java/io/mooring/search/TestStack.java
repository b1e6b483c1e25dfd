package io.mooring.search;

import io.mooring.testing.RealServersProperties;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Settings that put one IT class's application context on the shared servers of this JVM. */
public final class TestStack {
    public static final String READ_TOKEN = RealServersProperties.READ_TOKEN;
    public static final String OPERATOR_TOKEN = RealServersProperties.OPERATOR_TOKEN;
    /** A search token: a trusted front end that may name the account it searches for. */
    public static final String SEARCH_TOKEN = "search-token-for-tests";

    private TestStack() {
    }

    /**
     * Real Kafka and OpenSearch, with indices, aliases and consumer groups of their own so that
     * IT classes never see each other's state.
     */
    public static Map<String, String> properties(Class<?> testClass) {
        String unique = testClass.getSimpleName().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> properties = RealServersProperties.forService("search", testClass, ServerKind.KAFKA, ServerKind.OPENSEARCH);
        properties.put("micronaut.application.name", "search-indexer-" + unique);
        properties.put("mooring.search.index-prefix", unique + "-");
        properties.put("mooring.search.replicas", "0");
        properties.put("mooring.auth.search-tokens", SEARCH_TOKEN);
        properties.put("mooring.search.bootstrap-backoff-max", "1s");
        return properties;
    }
}
