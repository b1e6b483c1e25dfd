package io.mooring.monitor.schedule;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where the scheduler claims due checks ({@link RedisSchedule}) and where changes of monitors are told to it: within
 * the transaction of a change, so that the schedule follows once it commits ({@link ScheduleSync}).
 */
@Singleton
public class CheckQueue {
    private final RedisSchedule schedule;
    private final ApplicationEventPublisher<ScheduleChange> changes;
    private final JdbcOperations jdbc;

    public CheckQueue(RedisSchedule schedule, ApplicationEventPublisher<ScheduleChange> changes, JdbcOperations jdbc) {
        this.jdbc = jdbc;
        this.schedule = schedule;
        this.changes = changes;
    }

    /** Claims up to {@code max} monitors due at {@code now}, most overdue first. */
    public List<DueCheck> claim(Instant now, int max) {
        return schedule.claim(now, max);
    }

    /**
     * Puts the monitor at its slot, the first at or after {@code from}. Called when it is created, re-timed or resumed.
     * Its {@code check_offset_ms} (its place within its interval, {@link CheckSlots}) is kept in Postgres too.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void place(UUID id, int intervalSeconds, Instant from) {
        placeAll(Map.of(id, intervalSeconds), from);
    }

    /** As {@link #place} for each monitor (id to interval in seconds). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void placeAll(Map<UUID, Integer> intervals, Instant from) {
        UUID[] ids = intervals.keySet().toArray(UUID[]::new);
        Integer[] offsets = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            offsets[i] = CheckSlots.offsetMillis(ids[i], intervals.get(ids[i]));
        }
        jdbc.prepareStatement("""
                UPDATE monitor m SET check_offset_ms = s.offset_ms
                FROM unnest(?, ?) AS s(id, offset_ms) WHERE m.id = s.id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids));
            ps.setArray(2, ps.getConnection().createArrayOf("int4", offsets));
            return ps.executeUpdate();
        });
        changes.publishEvent(new ScheduleChange(List.of(ids), from));
    }

    /** The monitor's definition changed, it was paused or deleted: the schedule follows, keeping its place. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void changed(UUID id) {
        changes.publishEvent(new ScheduleChange(List.of(id), null));
    }
}
