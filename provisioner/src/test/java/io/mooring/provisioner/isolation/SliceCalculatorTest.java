package io.mooring.provisioner.isolation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class SliceCalculatorTest {
    private final SliceCalculator calculator = new SliceCalculator();

    @Test
    void aLoneAccountOnARoomyHostGetsItsHardLimitAsMemoryHigh() {
        Tenant acme = tenant("acme", 384, 512, 256);

        List<SliceUnit> slices = calculator.slices(16384, List.of(acme));

        assertThat(slices).singleElement().satisfies(slice -> {
            assertThat(slice.unit()).isEqualTo(SliceUnit.unitName(acme.accountId()));
            assertThat(slice.accountId()).isEqualTo(acme.accountId());
            assertThat(slice.suspended()).isFalse();
            assertThat(slice.properties()).containsExactly(entry("CPUWeight", "100"), entry("IOWeight", "100"),
                    entry("MemoryHigh", "512M"), entry("MemoryMax", "512M"), entry("TasksMax", "256"));
        });
    }

    @Test
    void aLoneAccountOnASmallHostGetsTheWholeHostAsMemoryHigh() {
        List<SliceUnit> slices = calculator.slices(1024, List.of(tenant("big", 256, 2048, 100)));

        assertThat(slices.getFirst().properties()).contains(entry("MemoryHigh", "1024M"), entry("MemoryMax", "2048M"));
    }

    @Test
    void accountsOfTheSamePlanShareAContendedHostEqually() {
        List<Tenant> tenants = IntStream.range(0, 8).mapToObj(i -> tenant("t" + i, 128, 1024, 64)).toList();

        List<SliceUnit> slices = calculator.slices(4096, tenants);

        assertThat(slices).hasSize(8).allSatisfy(slice -> assertThat(slice.properties())
                .contains(entry("MemoryHigh", "512M"), entry("MemoryMax", "1024M"), entry("CPUWeight", "100")));
    }

    @Test
    void everyAccountIsRecomputedWhenTheHostsPopulationChanges() {
        Tenant first = tenant("first", 128, 4096, 64);
        Tenant second = tenant("second", 128, 4096, 64);
        List<Tenant> four = new ArrayList<>(List.of(first, second));
        four.add(tenant("third", 128, 4096, 64));
        four.add(tenant("fourth", 128, 4096, 64));

        assertThat(memoryHigh(calculator.slices(4096, List.of(first, second)))).containsValues("2048M", "2048M");
        assertThat(memoryHigh(calculator.slices(4096, four))).hasSize(4).allSatisfy((unit, high) -> assertThat(high).isEqualTo("1024M"));
    }

    @Test
    void memoryASmallPlanCannotUseGoesToTheOthers() {
        Tenant small1 = tenant("small1", 128, 512, 64);
        Tenant small2 = tenant("small2", 128, 512, 64);
        Tenant big1 = tenant("big1", 512, 4096, 64);
        Tenant big2 = tenant("big2", 512, 4096, 64);

        Map<String, String> high = memoryHigh(calculator.slices(4096, List.of(small1, small2, big1, big2)));

        // equal shares would be 1024 each; the small plans stop at 512 and leave 1024 to the big ones
        assertThat(high).containsEntry(unit(small1), "512M").containsEntry(unit(small2), "512M")
                .containsEntry(unit(big1), "1536M").containsEntry(unit(big2), "1536M");
    }

    @Test
    void cpuAndIoWeightsAreEqualWhateverThePlan() {
        List<SliceUnit> slices = calculator.slices(65536, List.of(tenant("small", 128, 512, 64),
                tenant("medium", 1536, 2048, 1024), tenant("large", 4096, 8192, 4096)));

        assertThat(slices).extracting(s -> s.properties().get("CPUWeight")).containsOnly("100");
        assertThat(slices).extracting(s -> s.properties().get("IOWeight")).containsOnly("100");
        assertThat(slices).extracting(s -> s.properties().get("TasksMax")).containsExactlyInAnyOrder("64", "1024", "4096");
    }

    @Test
    void thePlansSoftLimitIsAFloorEvenWhenSoftLimitsOvercommitTheHost() {
        List<Tenant> tenants = IntStream.range(0, 3).mapToObj(i -> tenant("t" + i, 400, 800, 64)).toList();

        assertThat(memoryHigh(calculator.slices(1000, tenants))).hasSize(3).allSatisfy((unit, high) -> assertThat(high).isEqualTo("400M"));
    }

    @Test
    void anAccountAboveTheLevelByItsFloorLeavesTheRestToTheOthers() {
        Tenant greedy = tenant("greedy", 3000, 4000, 64);
        Tenant modest = tenant("modest", 100, 4000, 64);

        Map<String, String> high = memoryHigh(calculator.slices(4096, List.of(greedy, modest)));

        assertThat(high).containsEntry(unit(greedy), "3000M").containsEntry(unit(modest), "1096M");
    }

    @Test
    void aSuspendedAccountIsSqueezedAndLeftOutOfTheFairShare() {
        Tenant a = tenant("a", 128, 2048, 64);
        Tenant b = tenant("b", 128, 2048, 64);
        Tenant paused = new Tenant(UUID.randomUUID(), "paused", true, 384, 512, 256);

        List<SliceUnit> slices = calculator.slices(2048, List.of(a, b, paused));

        SliceUnit squeezed = slices.stream().filter(SliceUnit::suspended).findFirst().orElseThrow();
        assertThat(squeezed.accountId()).isEqualTo(paused.accountId());
        assertThat(squeezed.properties()).containsExactly(entry("CPUWeight", "1"), entry("CPUQuota", "1%"),
                entry("IOWeight", "1"), entry("MemoryHigh", "64M"), entry("MemoryMax", "512M"), entry("TasksMax", "256"));
        // the 64 MB it may keep are set aside; the two active accounts share the rest
        assertThat(memoryHigh(slices)).containsEntry(unit(a), "992M").containsEntry(unit(b), "992M");
    }

    @Test
    void aSuspendedAccountNeverKeepsMoreThanItsHardLimit() {
        SliceUnit slice = calculator.slices(1024, List.of(new Tenant(UUID.randomUUID(), "tiny", true, 16, 32, 8))).getFirst();

        assertThat(slice.properties()).contains(entry("MemoryHigh", "32M"), entry("MemoryMax", "32M"));
    }

    @Test
    void slicesComeOutInUnitNameOrderWhateverTheInputOrder() {
        List<Tenant> tenants = IntStream.range(0, 20).mapToObj(i -> tenant("t" + i, 128, 1024, 64)).toList();
        List<Tenant> shuffled = new ArrayList<>(tenants);
        Collections.shuffle(shuffled, new Random(7));

        List<SliceUnit> ordered = calculator.slices(8192, tenants);

        assertThat(calculator.slices(8192, shuffled)).isEqualTo(ordered);
        assertThat(ordered).extracting(SliceUnit::unit).isSorted();
    }

    @Test
    void anEmptyHostHasNoSlices() {
        assertThat(calculator.slices(4096, List.of())).isEmpty();
    }

    @Test
    void refusesAnAccountListedTwiceOrAHostWithoutMemory() {
        Tenant twice = tenant("twice", 128, 512, 64);

        assertThatThrownBy(() -> calculator.slices(4096, List.of(twice, twice))).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> calculator.slices(0, List.of(twice))).hasMessageContaining("hostMemoryMb");
    }

    @Test
    void sharesStayWithinThePlansLimitsAndLeaveLessThanOneMegabytePerAccountUnused() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            long hostMemory = 256 + random.nextInt(65536);
            List<Tenant> tenants = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(40); i < n; i++) {
                long soft = 1 + random.nextInt(2048);
                tenants.add(tenant("t" + i, soft, soft + random.nextInt(4096), 64));
            }

            Map<String, String> high = memoryHigh(calculator.slices(hostMemory, tenants));

            long total = 0;
            boolean allAtHardLimit = true;
            for (Tenant tenant : tenants) {
                long share = Long.parseLong(high.get(unit(tenant)).replace("M", ""));
                assertThat(share).isBetween(tenant.memorySoftLimitMb(), tenant.memoryHardLimitMb());
                allAtHardLimit &= share == tenant.memoryHardLimitMb();
                total += share;
            }
            long floors = tenants.stream().mapToLong(Tenant::memorySoftLimitMb).sum();
            if (floors <= hostMemory) {
                assertThat(total).as("round %d", round).isLessThanOrEqualTo(hostMemory);
                if (!allAtHardLimit) {
                    assertThat(hostMemory - total).as("round %d", round).isLessThan(tenants.size());
                }
            } else {
                assertThat(total).as("round %d", round).isEqualTo(floors);
            }
        }
    }

    private static Map<String, String> memoryHigh(List<SliceUnit> slices) {
        Map<String, String> high = new java.util.HashMap<>();
        slices.forEach(s -> high.put(s.unit(), s.properties().get("MemoryHigh")));
        return high;
    }

    private static String unit(Tenant tenant) {
        return SliceUnit.unitName(tenant.accountId());
    }

    private static Tenant tenant(String name, long softMb, long hardMb, int tasks) {
        return new Tenant(UUID.randomUUID(), name, false, softMb, hardMb, tasks);
    }
}
