package io.mooring.stack;

import java.util.Map;

/** An OpenSearch node started elsewhere: {@code MOORING_OPENSEARCH_URL}. */
public record ExternalOpenSearchServer(String url) implements OpenSearchServer {

    static ExternalOpenSearchServer fromEnvironment(Map<String, String> env) {
        String url = ExternalServer.variable(env, ServerProperties.OPENSEARCH_URL);
        return url == null ? null : new ExternalOpenSearchServer(url);
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public void stop() {
        throw new IllegalStateException(ExternalServer.CANNOT_STOP);
    }
}
