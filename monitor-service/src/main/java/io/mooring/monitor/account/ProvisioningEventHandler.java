package io.mooring.monitor.account;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Follows accounts on {@code mooring.provisioning}: a ready account gets its backup heartbeat, a
 * purged account loses its monitors. Each event is applied once, in one transaction with its
 * processed mark. Every other event, known or not, is skipped.
 */
@Singleton
public class ProvisioningEventHandler implements EventHandler {
    /** Consumer group suffix, and the consumer name of the idempotency guard. */
    public static final String NAME = "provisioning";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEventHandler.class);

    private final AccountMonitors accounts;
    private final ProcessedEvents processed;

    public ProvisioningEventHandler(AccountMonitors accounts, ProcessedEvents processed) {
        this.accounts = accounts;
        this.processed = processed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.PROVISIONING);
    }

    @Override
    public void handle(ReceivedEvent event) {
        MooringEvent data = event.data().orElse(null);
        switch (data) {
            case AccountReady ready -> processed.applyOnce(NAME, event.id(), () -> {
                if (accounts.watchBackups(ready)) {
                    LOG.info("account {} ({}): backup heartbeat created", ready.accountId(), ready.name());
                }
            });
            case AccountPurged purged -> processed.applyOnce(NAME, event.id(), () -> {
                int deleted = accounts.forget(purged);
                LOG.info("account {} purged: {} monitors deleted", purged.accountId(), deleted);
            });
            case null, default -> {
                // other account and host facts do not concern monitors; unknown types are newer producers
            }
        }
    }
}
