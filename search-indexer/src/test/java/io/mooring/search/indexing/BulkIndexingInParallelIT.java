package io.mooring.search.indexing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link BulkIndexingIT} with {@code partitions-in-parallel} on: the same outcomes. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BulkIndexingInParallelIT extends BulkIndexingIT {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("mooring.search.indexing.partitions-in-parallel", "true");
        return properties;
    }

    @Test
    void indexesThePartitionsInParallel() {
        assertThat(settings.isPartitionsInParallel()).isTrue();
    }
}
