package io.mooring.search.index;

import io.mooring.stack.OpenSearchServer;
import io.mooring.stack.Servers;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.indices.GetAliasResponse;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Setting up indices on a real OpenSearch: fresh, half done, raced by replicas, or already moved on. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndexBootstrapIT {
    private static final TypeMapping MAPPING = TypeMapping.of(m -> m.properties("id", p -> p.keyword(k -> k)));

    private OpenSearchTransport transport;
    private OpenSearchClient client;
    private final SearchSettings settings = new SearchSettings();

    @BeforeAll
    void connect() {
        OpenSearchServer server = Servers.openSearch();
        URI url = URI.create(server.url());
        transport = ApacheHttpClient5TransportBuilder.builder(new HttpHost(url.getScheme(), url.getHost(), url.getPort())).build();
        client = new OpenSearchClient(transport);
        settings.setReplicas(0);
    }

    @AfterAll
    void disconnect() throws Exception {
        transport.close();
    }

    @Test
    void createsTheIndexWithItsMappingBehindTheAlias() throws Exception {
        ManagedIndex index = fresh();

        runToReady(new IndexBootstrap(client, List.of(index), settings));

        assertThat(indicesBehind(index.alias())).containsExactly(index.name());
        assertThat(client.indices().getMapping(g -> g.index(index.name())).result().get(index.name()).mappings()
                .properties()).containsOnlyKeys("id");
    }

    @Test
    void addsTheAliasToAnIndexCreatedWithoutIt() throws Exception {
        ManagedIndex index = fresh();
        client.indices().create(c -> c.index(index.name()).mappings(MAPPING));

        runToReady(new IndexBootstrap(client, List.of(index), settings));

        assertThat(indicesBehind(index.alias())).containsExactly(index.name());
    }

    @Test
    void letsReplicasRaceForTheSameIndex() throws Exception {
        ManagedIndex index = fresh();
        IndexBootstrap first = new IndexBootstrap(client, List.of(index), settings);
        IndexBootstrap second = new IndexBootstrap(client, List.of(index), settings);

        first.onApplicationEvent(null);
        second.onApplicationEvent(null);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> first.allReady() && second.allReady());
        } finally {
            first.stop();
            second.stop();
        }

        assertThat(indicesBehind(index.alias())).containsExactly(index.name());
    }

    @Test
    void leavesAnAliasThatPointsToANewerVersion() throws Exception {
        ManagedIndex index = fresh();
        String newer = index.alias() + "-v2";
        client.indices().create(c -> c.index(newer).mappings(MAPPING).aliases(index.alias(), a -> a.isWriteIndex(true)));

        runToReady(new IndexBootstrap(client, List.of(index), settings));

        assertThat(indicesBehind(index.alias())).containsExactly(newer);
    }

    private static ManagedIndex fresh() {
        return ManagedIndex.versioned("it-bootstrap-" + UUID.randomUUID().toString().substring(0, 8) + "-", "things", 1, MAPPING);
    }

    private static void runToReady(IndexBootstrap bootstrap) throws InterruptedException {
        assertThat(bootstrap.allReady()).isFalse();
        bootstrap.onApplicationEvent(null);
        try {
            await().atMost(Duration.ofSeconds(30)).until(bootstrap::allReady);
        } finally {
            bootstrap.stop();
        }
    }

    private List<String> indicesBehind(String alias) throws Exception {
        GetAliasResponse response = client.indices().getAlias(a -> a.name(alias));
        return List.copyOf(response.result().keySet());
    }
}
