package io.mooring.search.opensearch;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.TransportException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class OpenSearchFailuresTest {

    @Test
    void aRefusedDocumentFailsTheSameWayForever() {
        var refused = refusal(400, "strict_dynamic_mapping_exception", "mapping set to strict");

        assertThat(OpenSearchFailures.isPermanent(refused)).isTrue();
        assertThat(OpenSearchFailures.describe(refused)).isEqualTo("400 strict_dynamic_mapping_exception: mapping set to strict");
    }

    @Test
    void everythingElseMayPassLater() {
        assertThat(OpenSearchFailures.isPermanent(refusal(404, "index_not_found_exception", "no such index"))).isFalse();
        assertThat(OpenSearchFailures.isPermanent(refusal(429, "es_rejected_execution_exception", "queue full"))).isFalse();
        assertThat(OpenSearchFailures.isPermanent(new ConnectException("Connection refused"))).isFalse();
        assertThat(OpenSearchFailures.isPermanent(new TransportException("Forbidden access"))).isFalse();
    }

    private static OpenSearchException refusal(int status, String type, String reason) {
        return new OpenSearchException(ErrorResponse.of(e -> e.status(status).error(c -> c.type(type).reason(reason))));
    }
}
