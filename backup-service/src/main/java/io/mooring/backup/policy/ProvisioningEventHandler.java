package io.mooring.backup.policy;

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
 * Follows accounts on {@code mooring.provisioning}: a ready account gets its default policy, a
 * purged account loses all of its policies. Other event types are skipped. Each event is applied
 * once, in one transaction with its processed mark; failures are classified by the consumer.
 */
@Singleton
public class ProvisioningEventHandler implements EventHandler {
    static final String NAME = "provisioning";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEventHandler.class);

    private final BackupPolicies policies;
    private final ProcessedEvents processed;

    ProvisioningEventHandler(BackupPolicies policies, ProcessedEvents processed) {
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
    public void handle(ReceivedEvent event) {
        MooringEvent data = event.data().orElse(null);
        switch (data) {
            case AccountReady ready -> processed.applyOnce(NAME, event.id(), () -> apply(ready));
            case AccountPurged purged -> processed.applyOnce(NAME, event.id(), () -> apply(purged));
            case null, default -> {
                // other provisioning facts do not concern backups; unknown types are newer producers
            }
        }
    }

    private void apply(AccountReady account) {
        policies.createDefault(account.accountId(), account.name()).ifPresent(policy ->
                LOG.info("account {} is ready: default policy {}", account.accountId(), policy.id()));
    }

    private void apply(AccountPurged account) {
        int deleted = policies.deleteAll(account.accountId());
        LOG.info("account {} is purged: {} policies deleted", account.accountId(), deleted);
    }
}
