package io.mooring.chatops.command;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;

import java.util.Set;

/** Learns account names from {@code mooring.provisioning} for {@link Names} (consumer group {@code chatops-relay.names}). */
@Singleton
class AccountNamesHandler implements EventHandler {
    private final Names names;

    AccountNamesHandler(Names names) {
        this.names = names;
    }

    @Override
    public String name() {
        return "names";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROVISIONING);
    }

    @Override
    public void handle(ReceivedEvent event) {
        event.dataAs(AccountRequested.class).ifPresent(a -> names.learnAccount(a.accountId(), a.name()));
        event.dataAs(AccountReady.class).ifPresent(a -> names.learnAccount(a.accountId(), a.name()));
        event.dataAs(AccountPurged.class).ifPresent(a -> names.forgetAccount(a.accountId()));
    }
}
