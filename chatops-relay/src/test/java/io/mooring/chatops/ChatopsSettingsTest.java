package io.mooring.chatops;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay's settings as the application context binds and checks them. */
class ChatopsSettingsTest {

    @Test
    void hasDefaultsForEverySetting() {
        try (ApplicationContext context = ApplicationContext.run()) {
            ChatopsSettings settings = context.getBean(ChatopsSettings.class);
            assertThat(settings.getKeyPrefix()).isEqualTo("chatops");
            assertThat(settings.getDedupeTtl()).isEqualTo(Duration.ofDays(7));
            assertThat(settings.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.getReadTimeout()).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void refusesAKeyPrefixThatIsNotASimpleWord() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("mooring.chatops.key-prefix", "chat ops"))) {
            assertThatThrownBy(() -> context.getBean(ChatopsSettings.class))
                    .hasMessageContaining("keyPrefix")
                    .hasMessageContaining("must be 1-64 letters, digits, dots, dashes or underscores");
        }
    }

    @Test
    void refusesADedupeTtlUnderASecond() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("mooring.chatops.dedupe-ttl", "500ms"))) {
            assertThatThrownBy(() -> context.getBean(ChatopsSettings.class))
                    .rootCause().hasMessage("mooring.chatops.dedupe-ttl must be at least one second, was PT0.5S");
        }
    }
}
