package io.mooring.backup.run;

import io.mooring.backup.policy.BackupPolicies;
import io.mooring.backup.policy.BackupPolicy;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.runtime.consumer.EventHandler;
import io.mooring.runtime.consumer.ProcessedEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>The contract has no event that answers a command, so a command naming no known policy or account is only
 * logged: the chat sees no run start.
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

    ChatopsEventHandler(BackupPolicies policies, RunLauncher launcher, ProcessedEvents processed) {
        this.policies = policies;
        this.launcher = launcher;
        this.processed = processed;
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
            LOG.warn("chat command {} by {} in {}: backup.run of {}{}, which is neither a policy nor an account with "
                    + "such policies; nothing runs", command.commandId(), command.issuedBy(), command.channel(), command.target(),
                    resource == null ? "" : " resource " + resource);
            return;
        }
        for (BackupPolicy policy : targets) {
            if (policy.state() != BackupPolicy.State.ACTIVE) {
                LOG.info("chat command {}: policy {} is {}, not run", command.commandId(), policy.id(), policy.state());
                continue;
            }
            try {
                BackupRun run = launcher.start(policy, Trigger.CHAT);
                LOG.info("chat command {} by {}: run {} of policy {} started", command.commandId(), command.issuedBy(),
                        run.id(), policy.id());
            } catch (RunInProgress e) {
                LOG.info("chat command {}: policy {} is running already (run {})", command.commandId(), policy.id(),
                        e.running().id());
            }
        }
    }

    private Optional<BackupPolicy> policy(String target) {
        try {
            return policies.find(UUID.fromString(target));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
