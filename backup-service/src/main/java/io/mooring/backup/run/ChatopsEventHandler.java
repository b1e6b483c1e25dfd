package io.mooring.backup.run;

import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.backups.BackupCommandRejected;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Acts on {@code backup.run} commands from chat ({@code mooring.chatops.commands}) as a manual run does: the target
 * is a policy id, or an account id whose ACTIVE policies all run (only those of the resource named by the
 * {@code resource} argument, when given). Each command is applied once (its event id is
 * recorded with the runs it started); a policy already running is left to finish. Other commands are skipped.
 *
 * <p>Each run started carries the command's id in its {@code BackupRunStarted}. A command that starts nothing (no
 * such policy or account, every policy paused or running already) is answered by {@code BackupCommandRejected}
 * with the reason.
 */
@Singleton
public class ChatopsEventHandler implements EventHandler {
    static final String NAME = "chatops";
    static final String BACKUP_RUN = "backup.run";
    /** The argument naming one resource of the account: only its policies run. */
    static final String RESOURCE = "resource";
    private static final Logger LOG = LoggerFactory.getLogger(ChatopsEventHandler.class);

    private final BackupPolicies policies;
    private final RunLauncher launcher;
    private final ProcessedEvents processed;
    private final Outbox outbox;

    ChatopsEventHandler(BackupPolicies policies, RunLauncher launcher, ProcessedEvents processed, Outbox outbox) {
        this.policies = policies;
        this.launcher = launcher;
        this.processed = processed;
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.CHATOPS_COMMANDS);
    }

    @Override
    public void handle(ReceivedEvent event) {
        event.dataAs(CommandIssued.class).filter(command -> BACKUP_RUN.equals(command.command()))
                .ifPresent(command -> processed.applyOnce(NAME, event.id(), () -> run(command)));
    }

    private void run(CommandIssued command) {
        String resource = command.arguments().get(RESOURCE);
        List<BackupPolicy> targets = policy(command.target()).map(List::of)
                .orElseGet(() -> policies.list(Optional.of(command.target())).stream()
                        .filter(p -> resource == null || resource.equals(p.targetName())).toList());
        if (targets.isEmpty()) {
            reject(command, command.target() + " is neither a backup policy nor an account with "
                    + (resource == null ? "backup policies" : "a backup policy of resource " + resource));
            return;
        }
        List<String> notRun = new ArrayList<>();
        int started = 0;
        for (BackupPolicy policy : targets) {
            if (policy.state() != BackupPolicy.State.ACTIVE) {
                notRun.add("policy " + policy.id() + " is " + policy.state());
                continue;
            }
            try {
                BackupRun run = launcher.start(policy, Trigger.CHAT, command.commandId());
                started++;
                LOG.info("chat command {} by {}: run {} of policy {} started", command.commandId(), command.issuedBy(),
                        run.id(), policy.id());
            } catch (RunInProgress e) {
                notRun.add("policy " + policy.id() + " is running already (run " + e.running().id() + ")");
            }
        }
        if (started == 0) {
            reject(command, "nothing to run: " + String.join("; ", notRun));
        } else if (!notRun.isEmpty()) {
            LOG.info("chat command {}: {} run(s) started; not run: {}", command.commandId(), started, notRun);
        }
    }

    private void reject(CommandIssued command, String reason) {
        outbox.append(new BackupCommandRejected(command.commandId(), command.command(), command.target(), reason));
        LOG.info("chat command {} by {} in {} refused: {}", command.commandId(), command.issuedBy(), command.channel(), reason);
    }

    private Optional<BackupPolicy> policy(String target) {
        try {
            return policies.find(UUID.fromString(target));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
