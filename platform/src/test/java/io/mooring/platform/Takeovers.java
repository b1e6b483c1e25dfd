package io.mooring.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** How long after an event (a replica killed) each of several conditions first held, polled together. */
final class Takeovers {
    private Takeovers() {
    }

    /** The time from {@code since} to the first poll at which each condition held; fails after {@code atMost}. */
    static Map<String, Duration> measure(Instant since, Duration atMost, Map<String, Callable<Boolean>> conditions) {
        Map<String, Duration> met = new LinkedHashMap<>();
        await().atMost(atMost).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            conditions.forEach((name, condition) -> {
                if (!met.containsKey(name) && holds(condition)) {
                    met.put(name, Duration.between(since, Instant.now()));
                }
            });
            assertThat(met).as("conditions met after %s", since).containsOnlyKeys(conditions.keySet());
        });
        return met;
    }

    private static boolean holds(Callable<Boolean> condition) {
        try {
            return condition.call();
        } catch (Exception notYet) {
            return false;
        }
    }
}
