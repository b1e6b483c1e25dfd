package io.mooring.monitor.account;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.consumer.EventHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Follows accounts on {@code mooring.provisioning}: a ready account gets its backup heartbeat, a
 * purged account loses its monitors. Every other event, known or not, is skipped.
 */
@Singleton
public class ProvisioningEvents implements EventHandler {
    /** Consumer group suffix, and the consumer name of the idempotency guard. */
    public static final String NAME = "provisioning";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEvents.class);

    private final AccountMonitors accounts;

    public ProvisioningEvents(AccountMonitors accounts) {
        this.accounts = accounts;
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
            case AccountReady ready -> {
                if (accounts.watchBackups(event.id(), ready)) {
                    LOG.info("account {} ({}): backup heartbeat created", ready.accountId(), ready.name());
                }
            }
            case AccountPurged purged -> {
                int deleted = accounts.forget(event.id(), purged);
                LOG.info("account {} purged: {} monitors deleted", purged.accountId(), deleted);
            }
            case null, default -> {
                // other account and host facts do not concern monitors; unknown types are newer producers
            }
        }
    }
}
