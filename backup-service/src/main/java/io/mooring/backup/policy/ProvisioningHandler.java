package io.mooring.backup.policy;

import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.PermanentEventFailure;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;
import java.util.Set;

/**
 * Follows accounts on {@code mooring.provisioning}: a ready account gets its default policy, a
 * purged account loses all of its policies. Other event types are skipped. Each event is applied
 * once, in one transaction with its idempotency mark. An event that cannot become valid policies
 * is dead-lettered; store failures are left to the consumer's retries.
 */
@Singleton
public class ProvisioningHandler implements EventHandler {
    static final String NAME = "provisioning";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningHandler.class);

    private final BackupPolicies policies;
    private final ProcessedEvents processed;
    private final TransactionOperations<Connection> transactions;

    ProvisioningHandler(BackupPolicies policies, ProcessedEvents processed, TransactionOperations<Connection> transactions) {
        this.policies = policies;
        this.processed = processed;
        this.transactions = transactions;
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
    public void handle(ReceivedEvent event) throws PermanentEventFailure {
        Optional<AccountReady> ready = event.dataAs(AccountReady.class);
        Optional<AccountPurged> purged = event.dataAs(AccountPurged.class);
        if (ready.isEmpty() && purged.isEmpty()) {
            return;
        }
        try {
            transactions.executeWrite(status -> {
                if (processed.firstTime(NAME, event.id())) {
                    ready.ifPresent(this::apply);
                    purged.ifPresent(this::apply);
                }
                return null;
            });
        } catch (IllegalArgumentException e) {
            // the policy or its event rejected the values: the same event will fail the same way
            throw new PermanentEventFailure("event " + event.id() + " cannot be applied: " + e.getMessage(), e);
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
