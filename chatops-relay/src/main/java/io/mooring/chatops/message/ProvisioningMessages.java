package io.mooring.chatops.message;

import io.mooring.events.MooringEvent;
import io.mooring.events.provisioning.AccountCommandRejected;
import io.mooring.events.provisioning.AccountDeleted;
import io.mooring.events.provisioning.AccountFailed;
import io.mooring.events.provisioning.AccountMigrated;
import io.mooring.events.provisioning.AccountPlaced;
import io.mooring.events.provisioning.AccountPlanChanged;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.AccountRequested;
import io.mooring.events.provisioning.AccountRestored;
import io.mooring.events.provisioning.AccountResumed;
import io.mooring.events.provisioning.AccountSuspended;
import io.mooring.events.provisioning.HostCordoned;
import io.mooring.events.provisioning.HostDrained;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.HostRemoved;
import io.mooring.events.provisioning.HostUncordoned;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceFailed;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.ResourceRequested;

import java.util.Optional;

import static io.mooring.chatops.message.HumanFormat.capitalized;
import static io.mooring.chatops.message.HumanFormat.resourceKind;

/** Messages for {@code mooring.provisioning} events: hosts, accounts and their resources. */
final class ProvisioningMessages {

    private ProvisioningMessages() {
    }

    static Optional<String> render(MooringEvent event) {
        return Optional.ofNullable(switch (event) {
            case HostRegistered e -> "🖥️ Host " + e.name() + " registered in " + e.datacenter() + " (" + e.cpuCores()
                    + " cores, " + e.memoryMb() + " MB RAM, " + e.diskGb() + " GB disk)";
            case HostCordoned e -> "🚧 Host " + e.hostId() + " cordoned: no new accounts are placed on it";
            case HostUncordoned e -> "🟢 Host " + e.hostId() + " uncordoned: it takes new accounts again";
            case HostDrained e -> "📤 Host " + e.hostId() + " drained: no account is left on it";
            case HostRemoved e -> "👋 Host " + e.hostId() + " removed from the pool";
            case AccountRequested e -> "📝 Account " + e.name() + " requested (plan " + e.plan() + ")";
            case AccountPlaced e -> "📍 Account " + e.accountId() + " placed on host " + e.hostId();
            case AccountReady e -> "✅ Account " + e.name() + " is ready on host " + e.hostId() + " (plan " + e.plan() + ")";
            case AccountFailed e -> "❌ Account " + e.accountId() + " failed: " + e.reason();
            case AccountSuspended e -> "⏸️ Account " + e.accountId() + " suspended: " + e.reason();
            case AccountResumed e -> "▶️ Account " + e.accountId() + " resumed";
            case AccountMigrated e -> "🚚 Account " + e.accountId() + " moved from host " + e.fromHostId()
                    + " to host " + e.toHostId();
            case AccountPlanChanged e -> "🔁 Account " + e.accountId() + " changed plan from " + e.fromPlan()
                    + " to " + e.toPlan();
            case AccountDeleted e -> "🗑️ Account " + e.accountId() + " deleted; it can be restored until "
                    + HumanFormat.time(e.purgeAfter());
            case AccountRestored e -> "♻️ Account " + e.accountId() + " restored";
            case AccountPurged e -> "🔥 Account " + e.accountId() + " purged: its data is gone for good";
            case ResourceRequested e -> "📝 " + capitalized(resourceKind(e.kind())) + " " + e.name()
                    + " requested for account " + e.accountId();
            case ResourceReady e -> "✅ " + capitalized(resourceKind(e.kind())) + " " + e.name() + " of account "
                    + e.accountId() + " is ready at " + e.endpoint();
            case ResourceFailed e -> "❌ " + capitalized(resourceKind(e.kind())) + " " + e.resourceId() + " of account "
                    + e.accountId() + " failed: " + e.reason();
            case ResourceDeleted e -> "🗑️ " + capitalized(resourceKind(e.kind())) + " " + e.resourceId()
                    + " of account " + e.accountId() + " deleted";
            case AccountCommandRejected e -> HumanFormat.refusal(e.command(), e.target(), e.reason());
            default -> null;
        });
    }
}
