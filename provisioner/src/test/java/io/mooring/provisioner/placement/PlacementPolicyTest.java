package io.mooring.provisioner.placement;

import io.mooring.provisioner.host.Host;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlacementPolicyTest {
    // small plan: 512 MB hard limit, weight 100 (1 core), 10 GB disk
    private static final Resources SMALL = Resources.demand(512, 100, 10);
    private static final PlacementPolicy SPREAD = new PlacementPolicy(PlacementStrategy.SPREAD, 4.0);
    private static final PlacementPolicy PACK = new PlacementPolicy(PlacementStrategy.PACK, 4.0);

    @Nested
    class Choosing {
        @Test
        void spreadPicksTheHostWithTheMostMemoryLeft() {
            HostLoad roomy = load(host("a", "par1", 8, 16384, 500), 1024, 0, 0);
            HostLoad busy = load(host("b", "par1", 8, 16384, 500), 8192, 0, 0);

            assertThat(chosen(SPREAD.choose(List.of(busy, roomy), SMALL, PlacementConstraints.NONE, null))).isEqualTo("a");
        }

        @Test
        void packPicksTheHostWithTheLeastMemoryLeftThatStillFits() {
            HostLoad roomy = load(host("a", "par1", 8, 16384, 500), 1024, 0, 0);
            HostLoad busy = load(host("b", "par1", 8, 16384, 500), 8192, 0, 0);
            HostLoad full = load(host("c", "par1", 8, 16384, 500), 16000, 0, 0);

            assertThat(chosen(PACK.choose(List.of(roomy, full, busy), SMALL, PlacementConstraints.NONE, null))).isEqualTo("b");
        }

        @Test
        void breaksTiesByHostName() {
            HostLoad b = load(host("b", "par1", 8, 4096, 500), 0, 0, 0);
            HostLoad a = load(host("a", "par1", 8, 4096, 500), 0, 0, 0);

            assertThat(chosen(SPREAD.choose(List.of(b, a), SMALL, PlacementConstraints.NONE, null))).isEqualTo("a");
            assertThat(chosen(PACK.choose(List.of(b, a), SMALL, PlacementConstraints.NONE, null))).isEqualTo("a");
        }

        @Test
        void fillsMemoryExactlyButNeverOvercommitsIt() {
            HostLoad exact = load(host("a", "par1", 8, 1024, 500), 512, 0, 0);
            HostLoad over = load(host("b", "par1", 8, 1024, 500), 513, 0, 0);

            assertThat(chosen(SPREAD.choose(List.of(exact), SMALL, PlacementConstraints.NONE, null))).isEqualTo("a");
            assertThat(SPREAD.choose(List.of(over), SMALL, PlacementConstraints.NONE, null)).isInstanceOf(Placement.NoFit.class);
        }

        @Test
        void overcommitsCpuUpToTheRatio() {
            // 2 cores x 4.0 = 8 cores; 7 used, the account needs 1
            HostLoad host = load(host("a", "par1", 2, 65536, 500), 0, 7000, 0);
            assertThat(chosen(SPREAD.choose(List.of(host), SMALL, PlacementConstraints.NONE, null))).isEqualTo("a");

            HostLoad full = load(host("a", "par1", 2, 65536, 500), 0, 7001, 0);
            assertThat(SPREAD.choose(List.of(full), SMALL, PlacementConstraints.NONE, null))
                    .isEqualTo(new Placement.NoFit("cpu", "cpu: needs 1 core, best host has 0.999 cores left (cpu overcommit 4.0)"));
        }

        @Test
        void withoutOvercommitCpuIsCountedInRealCores() {
            PlacementPolicy strict = new PlacementPolicy(PlacementStrategy.SPREAD, 1.0);
            HostLoad host = load(host("a", "par1", 2, 65536, 500), 0, 1500, 0);

            assertThat(strict.choose(List.of(host), SMALL, PlacementConstraints.NONE, null)).isInstanceOf(Placement.NoFit.class);
        }

        @Test
        void neverChoosesTheExcludedHost() {
            HostLoad current = load(host("a", "par1", 8, 65536, 500), 0, 0, 0);
            HostLoad other = load(host("b", "par1", 8, 4096, 500), 0, 0, 0);

            assertThat(chosen(SPREAD.choose(List.of(current, other), SMALL, PlacementConstraints.NONE, current.host().id())))
                    .isEqualTo("b");
        }

        @Test
        void honoursDatacenterAndEveryLabel() {
            HostLoad gold = load(host("gold", "par1", 8, 4096, 500, Map.of("tier", "gold", "disk", "ssd")), 0, 0, 0);
            HostLoad silver = load(host("silver", "par1", 8, 65536, 500, Map.of("tier", "silver", "disk", "ssd")), 0, 0, 0);
            HostLoad elsewhere = load(host("ams", "ams1", 8, 65536, 500, Map.of("tier", "gold", "disk", "ssd")), 0, 0, 0);
            PlacementConstraints constraints = new PlacementConstraints("par1", Map.of("tier", "gold", "disk", "ssd"));

            assertThat(chosen(SPREAD.choose(List.of(silver, elsewhere, gold), SMALL, constraints, null))).isEqualTo("gold");
        }

        @Test
        void skipsCordonedAndDrainingHosts() {
            HostLoad cordoned = load(host("a", "par1", 8, 65536, 500).withCordon(true), 0, 0, 0);
            HostLoad draining = load(host("b", "par1", 8, 65536, 500).withDraining(true), 0, 0, 0);
            HostLoad open = load(host("c", "par1", 8, 2048, 500), 0, 0, 0);

            assertThat(chosen(SPREAD.choose(List.of(cordoned, draining, open), SMALL, PlacementConstraints.NONE, null)))
                    .isEqualTo("c");
        }
    }

    @Nested
    class ExplainingWhyNothingFits {
        @Test
        void noHostAtAll() {
            assertThat(SPREAD.choose(List.of(), SMALL, PlacementConstraints.NONE, null))
                    .isEqualTo(new Placement.NoFit("hosts", "no host is registered"));
        }

        @Test
        void noOtherHostForAMove() {
            HostLoad only = load(host("a", "par1", 8, 4096, 500), 0, 0, 0);
            assertThat(SPREAD.choose(List.of(only), SMALL, PlacementConstraints.NONE, only.host().id()))
                    .isEqualTo(new Placement.NoFit("hosts", "no other host is registered"));
        }

        @Test
        void noHostInTheDatacenter() {
            HostLoad par = load(host("a", "par1", 8, 4096, 500), 0, 0, 0);
            assertThat(SPREAD.choose(List.of(par), SMALL, new PlacementConstraints("fra1", Map.of()), null))
                    .isEqualTo(new Placement.NoFit("datacenter", "no host in datacenter fra1"));
        }

        @Test
        void labelsMatchNoHost() {
            HostLoad silver = load(host("a", "par1", 8, 4096, 500, Map.of("tier", "silver")), 0, 0, 0);
            assertThat(SPREAD.choose(List.of(silver), SMALL, new PlacementConstraints(null, Map.of("tier", "gold")), null))
                    .isEqualTo(new Placement.NoFit("labels", "labels tier=gold matched no host"));
            assertThat(SPREAD.choose(List.of(silver), SMALL, new PlacementConstraints("par1", Map.of("tier", "gold")), null))
                    .isEqualTo(new Placement.NoFit("labels", "labels tier=gold matched no host in datacenter par1"));
        }

        @Test
        void everyMatchingHostIsCordoned() {
            HostLoad cordoned = load(host("a", "par1", 8, 65536, 500).withCordon(true), 0, 0, 0);
            HostLoad otherDc = load(host("b", "ams1", 8, 65536, 500), 0, 0, 0);
            assertThat(SPREAD.choose(List.of(cordoned, otherDc), SMALL, new PlacementConstraints("par1", Map.of()), null))
                    .isEqualTo(new Placement.NoFit("cordoned", "every matching host is cordoned"));
        }

        @Test
        void memoryRanOutNamesTheBestHostsRoom() {
            HostLoad a = load(host("a", "par1", 8, 1024, 500), 768, 0, 0);
            HostLoad b = load(host("b", "par1", 8, 1024, 500), 700, 0, 0);
            assertThat(SPREAD.choose(List.of(a, b), SMALL, PlacementConstraints.NONE, null))
                    .isEqualTo(new Placement.NoFit("memory", "memory: needs 512 MB, best host has 324 MB left"));
        }

        @Test
        void diskRanOut() {
            HostLoad a = load(host("a", "par1", 8, 65536, 20), 0, 0, 15);
            assertThat(SPREAD.choose(List.of(a), SMALL, PlacementConstraints.NONE, null))
                    .isEqualTo(new Placement.NoFit("disk", "disk: needs 10 GB, best host has 5 GB left"));
        }

        @Test
        void cpuIsJudgedOnlyOnHostsWithEnoughMemory() {
            // a has CPU but no memory, b has memory but no CPU: the answer is about b's CPU
            HostLoad a = load(host("a", "par1", 8, 1024, 500), 1000, 0, 0);
            HostLoad b = load(host("b", "par1", 1, 65536, 500), 0, 3500, 0);
            assertThat(SPREAD.choose(List.of(a, b), SMALL, PlacementConstraints.NONE, null))
                    .isEqualTo(new Placement.NoFit("cpu", "cpu: needs 1 core, best host has 0.5 cores left (cpu overcommit 4.0)"));
        }

        @Test
        void becomesA409NamingTheRule() {
            Placement.NoFit noFit = new Placement.NoFit("memory", "memory: needs 512 MB, best host has 0 MB left");
            assertThat(noFit.problem().status().getCode()).isEqualTo(409);
            assertThat(noFit.problem().toProblem("/v1/accounts").type()).isEqualTo("urn:mooring:problem:no-capacity");
            assertThat(noFit.problem().toProblem("/v1/accounts").errors()).singleElement()
                    .satisfies(e -> assertThat(e.field()).isEqualTo("memory"));
        }
    }

    @Nested
    class ExplicitTargetsAndGrowth {
        @Test
        void refusesACordonedTarget() {
            HostLoad target = load(host("a", "par1", 8, 65536, 500).withCordon(true), 0, 0, 0);
            assertThat(SPREAD.refusal(target, SMALL, PlacementConstraints.NONE))
                    .contains(new Placement.NoFit("cordoned", "host a is cordoned"));
        }

        @Test
        void refusesATargetOutsideTheConstraints() {
            HostLoad target = load(host("a", "ams1", 8, 65536, 500, Map.of("tier", "silver")), 0, 0, 0);
            assertThat(SPREAD.refusal(target, SMALL, new PlacementConstraints("par1", Map.of())))
                    .map(Placement.NoFit::rule).contains("datacenter");
            assertThat(SPREAD.refusal(target, SMALL, new PlacementConstraints(null, Map.of("tier", "gold"))))
                    .contains(new Placement.NoFit("labels", "host a does not carry labels tier=gold"));
        }

        @Test
        void refusesATargetWithoutRoom() {
            HostLoad target = load(host("a", "par1", 8, 1024, 500), 768, 0, 0);
            assertThat(SPREAD.refusal(target, SMALL, PlacementConstraints.NONE))
                    .contains(new Placement.NoFit("memory", "memory: needs 512 MB, host a has 256 MB left"));
        }

        @Test
        void acceptsATargetWithRoom() {
            HostLoad target = load(host("a", "par1", 8, 1024, 500), 512, 0, 0);
            assertThat(SPREAD.refusal(target, SMALL, PlacementConstraints.NONE)).isEmpty();
        }

        @Test
        void growthChecksOnlyWhatGrows() {
            // memory is already over (the host shrank): a change that only adds disk still passes
            HostLoad host = load(host("a", "par1", 8, 1024, 500), 2048, 0, 0);
            assertThat(SPREAD.growthRefusal(host, new Resources(-512, 0, 5))).isEmpty();
            assertThat(SPREAD.growthRefusal(host, new Resources(1, 0, 0))).map(Placement.NoFit::rule).contains("memory");
        }
    }

    @Test
    void rejectsAnOvercommitRatioBelowOne() {
        assertThatThrownBy(() -> new PlacementPolicy(PlacementStrategy.SPREAD, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlacementPolicy(PlacementStrategy.SPREAD, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheStrategySetting() {
        assertThat(PlacementStrategy.parse("Pack")).isEqualTo(PlacementStrategy.PACK);
        assertThatThrownBy(() -> PlacementStrategy.parse("random")).hasMessageContaining("spread or pack");
    }

    private static String chosen(Placement placement) {
        assertThat(placement).isInstanceOf(Placement.Chosen.class);
        return ((Placement.Chosen) placement).host().name();
    }

    private static HostLoad load(Host host, long memoryMb, long cpuMillis, long diskGb) {
        return new HostLoad(host, new Resources(memoryMb, cpuMillis, diskGb), 1);
    }

    private static Host host(String name, String datacenter, int cores, long memoryMb, long diskGb) {
        return host(name, datacenter, cores, memoryMb, diskGb, Map.of());
    }

    private static Host host(String name, String datacenter, int cores, long memoryMb, long diskGb, Map<String, String> labels) {
        return new Host(UUID.randomUUID(), name, datacenter, cores, memoryMb, diskGb, labels, false, false, Instant.EPOCH);
    }
}
