package io.mooring.search.opensearch;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchSettingsTest {

    @Test
    void showsThePasswordOnlyAsHidden() {
        OpenSearchSettings settings = settings("https://search.example:9200", "indexer", "s3cret");

        assertThat(settings.toString()).contains("indexer", "(hidden)").doesNotContain("s3cret");
    }

    @Test
    void refusesCredentialsInTheUrlWithoutRepeatingThem() {
        assertThatThrownBy(() -> new OpenSearchSettings().setUrl(URI.create("https://indexer:s3cret@search.example")))
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void refusesCredentialsOrACaFileOverPlainHttp() {
        assertThatThrownBy(() -> settings("http://search.example:9200", "indexer", "s3cret").check())
                .hasMessageContaining("credentials are only sent over https");

        OpenSearchSettings ca = settings("http://search.example:9200", null, null);
        ca.setCaFile("/etc/ca.pem");
        assertThatThrownBy(ca::check).hasMessageContaining("mooring.opensearch.ca-file is set");
    }

    @Test
    void refusesAPasswordWithoutAUser() {
        assertThatThrownBy(() -> settings("https://search.example", null, "s3cret").check())
                .hasMessageContaining("without mooring.opensearch.username");
    }

    private static OpenSearchSettings settings(String url, String user, String password) {
        OpenSearchSettings settings = new OpenSearchSettings();
        settings.setUrl(URI.create(url));
        settings.setUsername(user);
        settings.setPassword(password);
        return settings;
    }
}
