package io.mooring.chatops.webhook;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The targets as the application context binds them from settings, without starting the server. */
class WebhookSettingsTest {

    @Test
    void bindsTheListedTargetsAndTheSingleOne() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "mooring.chatops.webhooks[0].name", "ops-slack",
                "mooring.chatops.webhooks[0].kind", "slack",
                "mooring.chatops.webhooks[0].url", "https://hooks.slack.com/services/T0/B0/secret",
                "mooring.chatops.webhooks[1].name", "alerts",
                "mooring.chatops.webhooks[1].url", "https://alerts.example.org/in",
                "mooring.chatops.webhooks[1].event-types", "mooring.monitoring.,mooring.backups.run.failed",
                "mooring.chatops.webhook.url", "https://matrix.example.org/webhook/abc",
                "mooring.chatops.webhook.kind", "matrix"))) {

            assertThat(context.getBean(WebhookTargets.class).configured()).extracting(t -> t.target().toString()).containsExactly(
                    "WebhookTarget[name=ops-slack, kind=slack, host=hooks.slack.com, eventTypes=[]]",
                    "WebhookTarget[name=alerts, kind=generic, host=alerts.example.org, "
                            + "eventTypes=[mooring.monitoring., mooring.backups.run.failed]]",
                    "WebhookTarget[name=default, kind=matrix-hookshot, host=matrix.example.org, eventTypes=[]]");
        }
    }

    @Test
    void refusesToStartWithAnInvalidTarget() {
        assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                "mooring.chatops.webhooks[0].name", "ops",
                "mooring.chatops.webhooks[0].url", "hooks.example.org/no-scheme")).close())
                .rootCause()
                .hasMessage("mooring.chatops.webhooks[0].url must be an absolute http:// or https:// URL");
    }
}
