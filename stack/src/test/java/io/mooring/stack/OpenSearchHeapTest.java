package io.mooring.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenSearchHeapTest {

    @AfterEach
    void clear() {
        System.clearProperty(EmbeddedOpenSearchServer.HEAP_PROPERTY);
    }

    @Test
    void theHeapIsHalfAGigabyteUnlessASettingSaysOtherwise() {
        if (System.getenv(EmbeddedOpenSearchServer.HEAP_VARIABLE) == null) {
            assertThat(EmbeddedOpenSearchServer.heap()).isEqualTo("512m");
        }
        System.setProperty(EmbeddedOpenSearchServer.HEAP_PROPERTY, " 2g ");
        assertThat(EmbeddedOpenSearchServer.heap()).isEqualTo("2g");
    }

    @Test
    void aHeapThatIsNotMegabytesOrGigabytesIsRefusedNamingTheSetting() {
        for (String bad : new String[] {"2", "0g", "2G -XX:+Foo", "1.5g", "-1m"}) {
            System.setProperty(EmbeddedOpenSearchServer.HEAP_PROPERTY, bad);
            assertThatThrownBy(EmbeddedOpenSearchServer::heap)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mooring.opensearch.heap");
        }
    }
}
