package io.mooring.runtime.kafka;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaSettingsTest {

    @Test
    void passesKafkaClientPropertiesThroughWithTheirDottedNames() {
        try (ApplicationContext context = ApplicationContext.builder().eagerInitSingletons(false)
                .properties(Map.of("mooring.kafka.client.session.timeout.ms", "6000",
                        "mooring.kafka.client.group.protocol", "consumer"))
                .start()) {
            assertThat(context.getBean(KafkaSettings.class).getClient())
                    .containsExactlyInAnyOrderEntriesOf(Map.of("session.timeout.ms", "6000", "group.protocol", "consumer"));
        }
    }
}
