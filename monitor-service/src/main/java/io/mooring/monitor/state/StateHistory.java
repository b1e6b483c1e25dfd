package io.mooring.monitor.state;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.runtime.Ids;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Records a monitor's state change and publishes it as {@code MonitorStateChanged}, in the caller's transaction. */
@Singleton
public class StateHistory {
    private final StateChangeRepository changes;
    private final Outbox outbox;

    StateHistory(StateChangeRepository changes, Outbox outbox) {
        this.changes = changes;
        this.outbox = outbox;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void changed(Monitor monitor, MonitorState to, String reason, Instant at) {
        changed(monitor, to, reason, at, null);
    }

    /** As {@link #changed(Monitor, MonitorState, String, Instant)}, caused by the chat command {@code commandId} (nullable). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void changed(Monitor monitor, MonitorState to, String reason, Instant at, @Nullable String commandId) {
        changes.save(new StateChange(Ids.next(), monitor.id(), at, monitor.state().wireName(), to.wireName(), reason));
        outbox.append(new MonitorStateChanged(monitor.id().toString(), monitor.state().wireName(), to.wireName(),
                reason, monitor.accountId(), commandId));
    }

    /** Up to {@code limit} changes after id {@code after}, oldest first. */
    @Transactional
    public List<StateChange> page(UUID monitorId, @Nullable UUID after, int limit) {
        return changes.page(monitorId, after, limit);
    }
}
