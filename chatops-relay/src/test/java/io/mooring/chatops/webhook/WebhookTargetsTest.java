package io.mooring.chatops.webhook;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetsTest {

    @Test
    void readsTheListedTargetsInOrderThenTheSingleOne() {
        List<WebhookTarget> targets = WebhookTargets.parse(
                List.of(listed(1, "ops-matrix", "https://hooks.example.org/webhook/abc", "matrix", List.of("mooring.monitoring.")),
                        listed(0, "ops-slack", "https://hooks.slack.com/services/T0/B0/secret", "slack", List.of())),
                "http://127.0.0.1:9000/events", null, null, null);

        assertThat(targets).extracting(WebhookTarget::name).containsExactly("ops-slack", "ops-matrix", "default");
        assertThat(targets).extracting(WebhookTarget::kind).containsExactly(TargetKind.SLACK, TargetKind.MATRIX_HOOKSHOT, TargetKind.GENERIC);
        assertThat(targets.get(1).eventTypes()).containsExactly("mooring.monitoring.");
    }

    @Test
    void takesNameKindAndFilterOfTheSingleTargetFromSettings() {
        List<WebhookTarget> targets = WebhookTargets.parse(List.of(), "https://chat.example.org/hook", "Slack ", "team",
                List.of(" mooring.backups.", "mooring.provisioning.account."));

        assertThat(targets).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("team");
            assertThat(t.kind()).isEqualTo(TargetKind.SLACK);
            assertThat(t.eventTypes()).containsExactly("mooring.backups.", "mooring.provisioning.account.");
        });
    }

    @Test
    void hasNoTargetsWhenNothingIsConfigured() {
        assertThat(WebhookTargets.parse(List.of(), " ", "matrix", null, null)).isEmpty();
    }

    @Test
    void rejectsAUrlThatIsNotHttpNamingTheSettingButNotTheUrl() {
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(listed(0, "ops", "ftp://files.example.org/secret-token", "generic", null)),
                null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mooring.chatops.webhooks[0].url must be an absolute http:// or https:// URL")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void rejectsAMissingOrRelativeOrUnparsableUrl() {
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(listed(0, "ops", null, "slack", null)), null, null, null, null))
                .hasMessageContaining("mooring.chatops.webhooks[0].url must be set");
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(), "/hooks/relative", null, null, null))
                .hasMessageContaining("mooring.chatops.webhook.url must be an absolute http:// or https:// URL");
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(), "https://hooks.example.org/a b", null, null, null))
                .hasMessageContaining("mooring.chatops.webhook.url is not a valid URI");
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(), "https://user:pw@hooks.example.org/x", null, null, null))
                .hasMessageContaining("must not carry user info").hasMessageNotContaining("pw@");
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(), "https://hooks.example.org/x", "discord", null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("mooring.chatops.webhook.kind must be one of [slack, slack-api, matrix, matrix-hookshot, generic], was 'discord'");
    }

    @Test
    void rejectsBadNamesAndBlankFilters() {
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(listed(2, "Ops Room", "https://h.example.org/x", "slack", null)),
                null, null, null, null))
                .hasMessageContaining("mooring.chatops.webhooks[2].name must be 1-63 lowercase letters");
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(listed(0, null, "https://h.example.org/x", "slack", null)),
                null, null, null, null))
                .hasMessageContaining("mooring.chatops.webhooks[0].name must be");
        assertThatThrownBy(() -> WebhookTargets.parse(List.of(), "https://h.example.org/x", null, null, java.util.Arrays.asList("a.", " ")))
                .hasMessageContaining("mooring.chatops.webhook.event-types must not contain blank entries");
    }

    @Test
    void rejectsTwoTargetsWithTheSameName() {
        List<ManagedTarget> twins = WebhookTargets.configured(List.of(listed(0, "default", "https://a.example.org/x", "slack", null)),
                "https://b.example.org/y", null, null, null);
        assertThatThrownBy(() -> new WebhookTargets(twins, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("two webhook targets are named 'default'");
    }

    @Test
    void picksTheTargetsThatWantAnEventType() {
        WebhookTargets targets = new WebhookTargets(WebhookTargets.configured(List.of(
                listed(0, "all", "https://a.example.org/x", "slack", List.of()),
                listed(1, "monitoring", "https://b.example.org/x", "matrix", List.of("mooring.monitoring.")),
                listed(2, "accounts", "https://c.example.org/x", "generic",
                        List.of("mooring.provisioning.account.ready", "mooring.provisioning.account.failed"))),
                null, null, null, null), null);

        assertThat(accepting(targets, "mooring.monitoring.incident.opened.v1")).containsExactly("all", "monitoring");
        assertThat(accepting(targets, "mooring.provisioning.account.ready.v1")).containsExactly("all", "accounts");
        assertThat(accepting(targets, "mooring.provisioning.host.registered.v1")).containsExactly("all");
    }

    @Test
    void aSettingsTargetMayHaveItsOwnDeliverySettingsCheckedByName() {
        WebhookSettings slow = listed(0, "slow", "https://a.example.org/x", "slack", null);
        slow.setRatePerSecond(0.5);
        slow.setGroupWait("30s");
        ManagedTarget target = WebhookTargets.configured(List.of(slow), null, null, null, null).getFirst();
        assertThat(target.delivery().ratePerSecond()).isEqualTo(0.5);
        assertThat(target.delivery().groupWait()).isEqualTo("30s");
        assertThat(target.source()).isEqualTo(ManagedTarget.SETTINGS);

        WebhookSettings bad = listed(3, "bad", "https://a.example.org/x", "slack", null);
        bad.setGiveUpAfter("forever");
        assertThatThrownBy(() -> WebhookTargets.configured(List.of(bad), null, null, null, null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("mooring.chatops.webhooks[3].give-up-after: must be a duration");
    }

    private static List<String> accepting(WebhookTargets targets, String type) {
        return targets.configured().stream().filter(t -> t.target().accepts(type)).map(ManagedTarget::name).toList();
    }

    @Test
    void neverShowsTheUrlOnlyItsHost() {
        WebhookTarget target = WebhookTarget.parse("ops", "https://hooks.slack.com:8443/services/T0/B0/secret", "slack", null);
        assertThat(target.host()).isEqualTo("hooks.slack.com:8443");
        assertThat(target.toString()).contains("hooks.slack.com").doesNotContain("secret");
    }

    private static WebhookSettings listed(int index, String name, String url, String kind, List<String> eventTypes) {
        WebhookSettings settings = new WebhookSettings(index);
        settings.setName(name);
        settings.setUrl(url);
        settings.setKind(kind);
        settings.setEventTypes(eventTypes);
        return settings;
    }
}
