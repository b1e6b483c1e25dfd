package io.mooring.backup.policy;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/**
 * Follows accounts and their resources on {@code mooring.provisioning}: a ready database, bucket or
 * Redis namespace gets its per-resource policy, a deleted one stops it; a suspended account's
 * policies pause and resume with it; a purged account's policies stop and keep their artifacts for
 * {@code mooring.backup.purged-retention}. Other event types are skipped. Each event is applied
 * once, in one transaction with its processed mark; failures are classified by the consumer.
 */
@Singleton
public class ProvisioningEventHandler implements EventHandler {
    static final String NAME = "provisioning";
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEventHandler.class);

    private final BackupPolicies policies;
    private final ProvisionedPolicies provisioned;
    private final ProcessedEvents processed;
    private final Clock clock;

    ProvisioningEventHandler(BackupPolicies policies, ProvisionedPolicies provisioned, ProcessedEvents processed,
                             Clock clock) {
        this.policies = policies;
        this.provisioned = provisioned;
        this.processed = processed;
        this.clock = clock;
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
        UUID id = event.id();
        switch (data) {
            case ResourceReady ready -> provisioned.resourceOf(ready).ifPresent(resource -> processed.applyOnce(NAME, id,
                    () -> policies.resourceReady(ready.accountId(), ready.resourceId(), resource,
                            provisioned.settingsFor(resource))));
            case ResourceDeleted deleted -> processed.applyOnce(NAME, id, () -> policies.resourceDeleted(
                    deleted.accountId(), deleted.resourceId(), clock.instant().plus(provisioned.purgedRetention())));
            case AccountSuspended suspended -> processed.applyOnce(NAME, id,
                    () -> policies.accountSuspended(suspended.accountId(), suspended.reason()));
            case AccountResumed resumed -> processed.applyOnce(NAME, id, () -> policies.accountResumed(resumed.accountId()));
            case AccountPurged purged -> processed.applyOnce(NAME, id, () -> {
                int stopped = policies.accountPurged(purged.accountId(), clock.instant().plus(provisioned.purgedRetention()));
                LOG.info("account {} is purged: {} policies stopped", purged.accountId(), stopped);
            });
            case null, default -> {
                // other provisioning facts do not concern backups (AccountReady: resources bring their
                // own policies); unknown types are newer producers
            }
        }
    }
}
