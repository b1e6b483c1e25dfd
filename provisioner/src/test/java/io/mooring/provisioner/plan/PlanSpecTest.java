package io.mooring.provisioner.plan;

import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PlanSpecTest {

    @Test
    void buildsThePlanAndItsDemand() {
        Plan plan = spec("gold", 250, 1024, 2048).toNewPlan();
        assertThat(plan.name()).isEqualTo("gold");
        // weight 250 = 2.5 cores
        assertThat(plan.demand()).isEqualTo(new io.mooring.provisioner.placement.Resources(2048, 2500, 20));
    }

    @Test
    void refusesASoftLimitAboveTheHardLimitNamingIt() {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> spec("gold", 100, 4096, 2048).toNewPlan());
        assertThat(e.toProblem("/").errors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("memoryHighMb"));
    }

    @Test
    void needsANameToCreateAndTheSameNameToUpdate() {
        assertThat(catchThrowableOfType(ProblemException.class, () -> spec(null, 100, 1, 2).toNewPlan()).getMessage()).startsWith("name");
        assertThat(catchThrowableOfType(ProblemException.class, () -> spec("gold", 100, 1, 2).toPlan("silver")).getMessage())
                .startsWith("name");
        assertThat(spec(null, 100, 1, 2).toPlan("silver").name()).isEqualTo("silver");
    }

    private static PlanSpec spec(String name, int weight, long high, long max) {
        return new PlanSpec(name, weight, high, max, 20L, 512, 1, 1, 1, 1);
    }
}
