package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.mooring.backup.policy.BackupPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The schedule slot of a policy to look at now: the latest one at or before now, after the policy's creation. Slots
 * missed while the service was down collapse into that one, so a policy runs once at start-up, not once per missed
 * slot. The walk starts at the last slot the policy ran for, so it is short in the usual case.
 */
final class Slots {
    /** Slots walked before jumping ahead (a per-minute schedule after a long outage). */
    private static final int MAX_STEPS = 2_000;
    private static final Duration JUMP_BACK = Duration.ofDays(2);

    private Slots() {
    }

    /**
     * @param lastSlot the latest slot the policy ran for, or null
     * @return the latest slot at or before {@code now} (which may be {@code lastSlot} itself); empty if the policy
     *         has had no slot since it was created
     */
    static Optional<Instant> latest(BackupPolicy policy, @Nullable Instant lastSlot, Instant now) {
        Instant slot = lastSlot != null && !lastSlot.isAfter(now) && lastSlot.isAfter(policy.createdAt()) ? lastSlot : null;
        Instant next = policy.nextRunAfter(slot != null ? slot : policy.createdAt());
        int steps = 0;
        while (!next.isAfter(now)) {
            slot = next;
            if (++steps == MAX_STEPS) {
                Instant jump = policy.nextRunAfter(now.minus(JUMP_BACK));
                if (jump.isAfter(slot) && !jump.isAfter(now)) {
                    slot = jump;
                }
            }
            next = policy.nextRunAfter(slot);
        }
        return Optional.ofNullable(slot);
    }

    /**
     * How long the policy has been waiting for a backup: from the first slot after its last successful one (or after
     * its creation) to {@code now}; zero when that slot is still to come.
     *
     * @param lastSucceededSlot the latest slot of the policy with a successful run, or null
     */
    static Duration overdue(BackupPolicy policy, @Nullable Instant lastSucceededSlot, Instant now) {
        Instant from = lastSucceededSlot != null && lastSucceededSlot.isAfter(policy.createdAt())
                ? lastSucceededSlot : policy.createdAt();
        Instant waitingSince = policy.nextRunAfter(from);
        return waitingSince.isAfter(now) ? Duration.ZERO : Duration.between(waitingSince, now);
    }
}
