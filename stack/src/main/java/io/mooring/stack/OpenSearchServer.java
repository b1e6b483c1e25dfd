package io.mooring.stack;

import java.util.Map;

/** An OpenSearch node reachable over HTTP. */
public interface OpenSearchServer extends StackServer {

    /** {@code http://host:port}. */
    String url();

    @Override
    default ServerKind kind() {
        return ServerKind.OPENSEARCH;
    }

    @Override
    default Map<String, String> properties() {
        return Map.of(ServerProperties.OPENSEARCH_URL, url());
    }
}
