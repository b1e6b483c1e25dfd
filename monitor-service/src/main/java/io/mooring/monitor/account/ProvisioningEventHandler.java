package io.mooring.monitor.account;

import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountRestored;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.monitor.dependency.MonitorDependencies;
import io.mooring.monitor.monitor.Pausing;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Follows accounts on {@code mooring.provisioning}: a suspended or deleted account's monitors are
 * paused, a resumed or restored account's monitors resumed (those its suspension or deletion paused),
 * a purged account's monitors deleted; ready sites and databases (and hosts, when configured) get a
 * monitor, deleted with them ({@link ProvisionedMonitors}); where an account is placed links its resources'
 * monitors to its host's ({@link MonitorDependencies}). Each event is applied once, in one transaction with its
 * processed mark. Every other event, known or not, is skipped.
 */
@Singleton
public class ProvisioningEventHandler implements EventHandler {
    /** Consumer group suffix, and the consumer name of the idempotency guard. */
    public static final String NAME = "provisioning";

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningEventHandler.class);

    private final AccountMonitors accounts;
    private final ProvisionedMonitors provisioned;
    private final MonitorDependencies dependencies;
    private final ProcessedEvents processed;

    public ProvisioningEventHandler(AccountMonitors accounts, ProvisionedMonitors provisioned,
                                    MonitorDependencies dependencies, ProcessedEvents processed) {
        this.accounts = accounts;
        this.provisioned = provisioned;
        this.dependencies = dependencies;
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
            case AccountSuspended suspended -> processed.applyOnce(NAME, event.id(), () -> {
                int paused = accounts.pauseAll(suspended.accountId(), Pausing.By.ACCOUNT_SUSPENDED,
                        "account suspended: " + suspended.reason());
                LOG.info("account {} suspended: {} monitors paused", suspended.accountId(), paused);
            });
            case AccountResumed resumed -> processed.applyOnce(NAME, event.id(), () -> {
                int count = accounts.resumeAll(resumed.accountId(), Pausing.By.ACCOUNT_SUSPENDED, "account resumed");
                LOG.info("account {} resumed: {} monitors resumed", resumed.accountId(), count);
            });
            case AccountDeleted deleted -> processed.applyOnce(NAME, event.id(), () -> {
                int paused = accounts.pauseAll(deleted.accountId(), Pausing.By.ACCOUNT_DELETED, "account deleted");
                LOG.info("account {} deleted: {} monitors paused", deleted.accountId(), paused);
            });
            case AccountRestored restored -> processed.applyOnce(NAME, event.id(), () -> {
                int count = accounts.resumeAll(restored.accountId(), Pausing.By.ACCOUNT_DELETED, "account restored");
                LOG.info("account {} restored: {} monitors resumed", restored.accountId(), count);
            });
            case AccountPurged purged -> processed.applyOnce(NAME, event.id(), () -> {
                int deleted = accounts.forget(purged.accountId());
                LOG.info("account {} purged: {} monitors deleted", purged.accountId(), deleted);
            });
            case AccountPlaced placed -> processed.applyOnce(NAME, event.id(), () ->
                    dependencies.placed(placed.accountId(), placed.hostId()));
            case ResourceReady ready -> processed.applyOnce(NAME, event.id(), () -> provisioned.resourceReady(ready));
            case ResourceDeleted deleted -> processed.applyOnce(NAME, event.id(), () ->
                    provisioned.gone(ProvisionedMonitors.resource(deleted.resourceId())));
            case HostRegistered host -> processed.applyOnce(NAME, event.id(), () -> provisioned.hostRegistered(host));
            case HostRemoved removed -> processed.applyOnce(NAME, event.id(), () ->
                    provisioned.gone(ProvisionedMonitors.host(removed.hostId())));
            case null, default -> {
                // other account and host facts do not concern monitors; unknown types are newer producers
            }
        }
    }
}
