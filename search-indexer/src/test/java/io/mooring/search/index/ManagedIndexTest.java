package io.mooring.search.index;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManagedIndexTest {
    private static final TypeMapping MAPPING = TypeMapping.of(m -> m.properties("id", p -> p.keyword(k -> k)));

    @Test
    void namesTheVersionedIndexBehindItsAlias() {
        var index = ManagedIndex.versioned("", "ops-events", 1, MAPPING);

        assertThat(index.alias()).isEqualTo("ops-events");
        assertThat(index.name()).isEqualTo("ops-events-v1");
    }

    @Test
    void putsThePrefixBeforeBoth() {
        var index = ManagedIndex.versioned("it-42-", "ops-events", 3, MAPPING);

        assertThat(index.alias()).isEqualTo("it-42-ops-events");
        assertThat(index.name()).isEqualTo("it-42-ops-events-v3");
    }

    @Test
    void refusesNamesOpenSearchWouldRefuse() {
        assertThatThrownBy(() -> ManagedIndex.versioned("Staging-", "ops-events", 1, MAPPING)).hasMessageContaining("alias");
        assertThatThrownBy(() -> new ManagedIndex("_ops", "ops-v1", MAPPING)).hasMessageContaining("alias");
        assertThatThrownBy(() -> new ManagedIndex("ops", "ops", MAPPING)).hasMessageContaining("differ");
        assertThatThrownBy(() -> ManagedIndex.versioned("", "ops", 0, MAPPING)).hasMessageContaining("version");
    }

    @Test
    void refusesABadPrefixSetting() {
        var settings = new SearchSettings();

        assertThatThrownBy(() -> settings.setIndexPrefix("-it")).hasMessageContaining("index-prefix");
        settings.setIndexPrefix("it-1.");
        assertThat(settings.getIndexPrefix()).isEqualTo("it-1.");
    }
}
