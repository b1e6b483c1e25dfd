package io.mooring.backup.run;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Records, every {@code mooring.backup.heartbeat-interval}, that this instance's runs and restores are alive and how
 * far they came. Without it for {@code mooring.backup.stale-after}, the {@link RunSweeper} of any replica fails them.
 */
@Singleton
class Heartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ActiveWork active;
    private final RunStore runs;
    private final RestoreStore restores;
    private final Clock clock;

    Heartbeat(ActiveWork active, RunStore runs, RestoreStore restores, Clock clock) {
        this.active = active;
        this.runs = runs;
        this.restores = restores;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.backup.heartbeat-interval:10s}")
    void beat() {
        Map<UUID, Long> progress = active.snapshot();
        if (progress.isEmpty()) {
            return;
        }
        try {
            runs.heartbeat(progress, clock.instant());
            restores.heartbeat(progress, clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("heartbeat of {} run(s) and restore(s) not recorded: {}", progress.size(), RunFailures.reason(e));
        }
    }
}
