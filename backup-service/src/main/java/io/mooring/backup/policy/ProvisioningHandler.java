package io.mooring.backup.policy;

import io.micronaut.transaction.annotation.Transactional;
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
 * Follows accounts on {@code mooring.provisioning}: a ready account gets its default policy, a
 * purged account loses all of its policies. Other event types are skipped. Each event is applied
 * once, in one transaction with its idempotency mark.
 */
@Singleton
public class ProvisioningHandler implements EventHandler {
    static final String NAME = "provisioning";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningHandler.class);

    private final BackupPolicies policies;
    private final ProcessedEvents processed;

    ProvisioningHandler(BackupPolicies policies, ProcessedEvents processed) {
        this.policies = policies;
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
    @Transactional
    public void handle(ReceivedEvent event) {
        var ready = event.dataAs(AccountReady.class);
        var purged = event.dataAs(AccountPurged.class);
        if ((ready.isEmpty() && purged.isEmpty()) || !processed.firstTime(NAME, event.id())) {
            return;
        }
        ready.ifPresent(account -> policies.createDefault(account.accountId(), account.name())
                .ifPresent(policy -> LOG.info("account {} is ready: default policy {}", account.accountId(), policy.id())));
        purged.ifPresent(account -> LOG.info("account {} is purged: {} policies deleted", account.accountId(),
                policies.deleteAll(account.accountId())));
    }
}
