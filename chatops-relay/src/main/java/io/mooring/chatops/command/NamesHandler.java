package io.mooring.chatops.command;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Learns account and host names from {@code mooring.provisioning} and monitor names from {@code mooring.monitoring} for
 * {@link Names} (consumer group {@code chatops-relay.names}). Learning a name again is harmless: redeliveries are too.
 */
@Singleton
class NamesHandler implements EventHandler {
    private final Names names;

    NamesHandler(Names names) {
        this.names = names;
    }

    @Override
    public String name() {
        return "names";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROVISIONING, Topics.MONITORING);
    }

    @Override
    public void handle(ReceivedEvent event) {
        event.dataAs(AccountRequested.class).ifPresent(a -> names.learnAccount(a.accountId(), a.name()));
        event.dataAs(AccountReady.class).ifPresent(a -> names.learnAccount(a.accountId(), a.name()));
        event.dataAs(AccountPurged.class).ifPresent(a -> names.forgetAccount(a.accountId()));
        event.dataAs(HostRegistered.class).ifPresent(h -> names.learnHost(h.hostId(), h.name()));
        event.dataAs(HostRemoved.class).ifPresent(h -> names.forgetHost(h.hostId()));
        event.dataAs(MonitorCreated.class).ifPresent(m -> names.learnMonitor(m.monitorId(), m.accountId(), m.name()));
        event.dataAs(MonitorUpdated.class).ifPresent(m -> names.learnMonitor(m.monitorId(), m.accountId(), m.name()));
        event.dataAs(MonitorDeleted.class).ifPresent(m -> names.forgetMonitor(m.monitorId()));
    }
}
