package io.mooring.platform;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaPlanTest {

    @Test
    void upRunsOneReplicaOfEachServiceUnlessAskedForMore() {
        assertThat(MooringCli.Options.parse(new String[] {"up"}).replicas()).isEqualTo(ReplicaPlan.single());
        assertThat(MooringCli.Options.parse(new String[] {"up", "--replicas", "3", "--demo"}).replicas().replicas())
                .isEqualTo(3);
    }

    @Test
    void refusesAReplicaCountOutsideOneToEight() {
        for (String bad : new String[] {"0", "9", "-1", "two", "", "1.5", "0x2", "0002", "\u0000"}) {
            assertThatThrownBy(() -> MooringCli.Options.parse(new String[] {"up", "--replicas", bad}))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--replicas");
        }
        assertThatThrownBy(() -> MooringCli.Options.parse(new String[] {"up", "--replicas"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--replicas needs a value");
    }

    @Test
    void theFirstReplicaKeepsTheDefaultPortAndEachNextOneIsAHundredHigher() {
        ReplicaPlan plan = new ReplicaPlan(8);
        assertThat(plan.preferredPort(Service.PROVISIONER, 1)).isEqualTo(8081);
        assertThat(plan.preferredPort(Service.PROVISIONER, 2)).isEqualTo(8181);
        assertThat(plan.preferredPort(Service.CHATOPS, 8)).isEqualTo(8785);
        Set<Integer> ports = new HashSet<>();
        for (Service service : Service.values()) {
            for (int replica = 1; replica <= 8; replica++) {
                assertThat(ports.add(plan.preferredPort(service, replica))).as("%s-%d", service, replica).isTrue();
            }
        }
        assertThat(ports).hasSize(40).allSatisfy(port -> assertThat(port).isBetween(8081, 8785));
        assertThatThrownBy(() -> plan.preferredPort(Service.BACKUP, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.preferredPort(Service.BACKUP, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void replicasAreNamedAndLoggedApartOnlyWhenThereAreSeveral() {
        assertThat(ReplicaPlan.single().name(Service.MONITOR, 1)).isEqualTo("monitor-service");
        assertThat(new ReplicaPlan(2).name(Service.MONITOR, 2)).isEqualTo("monitor-service-2");
        assertThat(ReplicaPlan.urlVariable(Service.SEARCH, 1)).isEqualTo("URL_SEARCH_INDEXER");
        assertThat(ReplicaPlan.urlVariable(Service.SEARCH, 3)).isEqualTo("URL_SEARCH_INDEXER_3");
    }

    @Test
    void eachBackupReplicaHasItsOwnInstanceIdAndTheOthersShareEverySetting() {
        ReplicaPlan plan = new ReplicaPlan(2);
        assertThat(plan.environment(Service.BACKUP, 1)).isEqualTo(Map.of("MOORING_BACKUP_INSTANCE_ID", "backup-service-1"));
        assertThat(plan.environment(Service.BACKUP, 2)).isEqualTo(Map.of("MOORING_BACKUP_INSTANCE_ID", "backup-service-2"));
        Arrays.stream(Service.values()).filter(s -> s != Service.BACKUP)
                .forEach(s -> assertThat(plan.environment(s, 2)).as(s.id()).isEmpty());
        // one instance keeps the service's own random instance id
        assertThat(ReplicaPlan.single().environment(Service.BACKUP, 1)).isEmpty();
    }
}
