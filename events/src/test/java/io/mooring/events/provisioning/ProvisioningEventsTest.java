package io.mooring.events.provisioning;

import io.mooring.events.WireValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisioningEventsTest {

    @Test
    void rejectsBlankIds() {
        assertThatThrownBy(() -> new AccountReady(" ", "soc-ialis", "host-par1-07", "small", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("accountId must not be blank");
        assertThatThrownBy(() -> new HostCordoned(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hostId must not be blank");
        assertThatThrownBy(() -> new ResourceDeleted("acct-1", null, "bucket"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("resourceId must not be blank");
    }

    @Test
    void rejectsAMigrationOrPlanChangeThatChangesNothing() {
        assertThatThrownBy(() -> new AccountMigrated("acct-1", "host-par1-07", "host-par1-07"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new AccountPlanChanged("acct-1", "small", "small"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void acceptsOnlyKnownResourceKinds() {
        assertThatThrownBy(() -> new ResourceRequested("acct-1", "res-1", "mysql-database", "blog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind must be one of [postgres-database, redis-namespace, bucket, site], was 'mysql-database'");
        assertThat(WireValue.wireNames(ResourceKind.class))
                .containsExactly("postgres-database", "redis-namespace", "bucket", "site");
        assertThat(ResourceKind.fromWire("redis-namespace")).isEqualTo(ResourceKind.REDIS_NAMESPACE);
    }

    @Test
    void refusesAnEndpointThatCarriesASecret() {
        assertThatThrownBy(() -> new ResourceReady("acct-1", "res-1", "postgres-database", "mastodon_production",
                "postgres://mastodon:hunter2@db-2.par1.example.net:5432/mastodon_production"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("endpoint must not carry a secret");
    }

    @Test
    void keepsAnImmutableCopyOfTheLabels() {
        Map<String, String> labels = new HashMap<>(Map.of("disk", "ssd"));
        HostRegistered host = new HostRegistered("host-1", "par1-07", "par1", 8, 32_768, 1_000, labels);
        labels.put("disk", "hdd");

        assertThat(host.labels()).containsExactly(Map.entry("disk", "ssd"));
        assertThatThrownBy(() -> host.labels().put("rack", "b4")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new HostRegistered("host-1", "par1-07", "par1", 8, 32_768, 1_000, null).labels()).isEmpty();
    }

    @Test
    void keysHostEventsByHostAndAccountEventsByAccount() {
        assertThat(new HostDrained("host-1").subject()).isEqualTo("host-1");
        assertThat(new AccountPlaced("acct-1", "host-1").subject()).isEqualTo("acct-1");
        assertThat(new ResourceFailed("acct-1", "res-1", "site", "disk full").subject()).isEqualTo("acct-1");
    }
}
