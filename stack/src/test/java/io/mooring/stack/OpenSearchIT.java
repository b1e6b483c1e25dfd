package io.mooring.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServersExtension.class)
class OpenSearchIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void indexesAndSearchesWithAnAsciifoldingAnalyzer(OpenSearchServer openSearch) throws Exception {
        // asciifolding and lowercase come from the analysis-common module the stack adds to the distribution
        HttpResponse<String> created = send(openSearch, "PUT", "/it-desserts", """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0,
                  "analysis": {"analyzer": {"folded": {"type": "custom", "tokenizer": "standard",
                                                       "filter": ["lowercase", "asciifolding"]}}}},
                 "mappings": {"properties": {"title": {"type": "text", "analyzer": "folded"}}}}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        HttpResponse<String> indexed = send(openSearch, "PUT", "/it-desserts/_doc/1?refresh=true",
                "{\"title\": \"Crème Brûlée\"}");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> found = send(openSearch, "POST",
                "/it-desserts/_search?filter_path=hits.total.value,hits.hits._id",
                "{\"query\": {\"match\": {\"title\": \"creme brulee\"}}}");
        assertThat(found.body()).isEqualTo("{\"hits\":{\"total\":{\"value\":1},\"hits\":[{\"_id\":\"1\"}]}}");

        HttpResponse<String> tokens = send(openSearch, "POST", "/it-desserts/_analyze?filter_path=tokens.token",
                "{\"analyzer\": \"folded\", \"text\": \"Crème BRÛLÉE\"}");
        assertThat(tokens.body()).isEqualTo("{\"tokens\":[{\"token\":\"creme\"},{\"token\":\"brulee\"}]}");
    }

    private HttpResponse<String> send(OpenSearchServer openSearch, String method, String path, String json)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(openSearch.url() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
