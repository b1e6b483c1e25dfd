package io.mooring.search.mastodon;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MastodonSourcesTest {

    @Test
    void findsASourceByTheNameInItsUrlWithItsInstanceDefaultingToTheName() {
        MastodonSources sources = new MastodonSources(List.of(source("ialis", "s3cret", "soc.ialis.me"), source("local", "x", null)));
        assertThat(sources.named("ialis")).get().extracting(MastodonSource::getInstance).isEqualTo("soc.ialis.me");
        assertThat(sources.named("local")).get().extracting(MastodonSource::getInstance).isEqualTo("local");
        assertThat(sources.named("soc.ialis.me")).isEmpty();
    }

    @Test
    void refusesASourceWithoutSecretOrWithAnInstanceThatIsNotAHostName() {
        assertThatThrownBy(() -> new MastodonSources(List.of(source("ialis", " ", null))))
                .hasMessageContaining("mooring.search.mastodon.sources.ialis.secret is required");
        assertThatThrownBy(() -> new MastodonSources(List.of(source("ialis", "s", "soc.ialis.me:443"))))
                .hasMessageContaining("mooring.search.mastodon.sources.ialis.instance must be a host name");
    }

    private static MastodonSource source(String name, String secret, String instance) {
        MastodonSource source = new MastodonSource(name);
        source.setSecret(secret);
        source.setInstance(instance);
        return source;
    }
}
