package io.mooring.backup.run;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import io.mooring.backup.policy.BackupPolicy;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Starts runs: records the RUNNING run with its event, then queues it on the executor, after the commit when the
 * caller holds a transaction (a chat-ops command applied once), so that no run executes that was not recorded.
 */
@Singleton
public class RunLauncher {
    private final BackupRuns runs;
    private final RunExecutor executor;
    private final TransactionOperations<Connection> transactions;

    RunLauncher(BackupRuns runs, RunExecutor executor, TransactionOperations<Connection> transactions) {
        this.runs = runs;
        this.executor = executor;
        this.transactions = transactions;
    }

    /** A manual or chat run; {@link RunInProgress} if the policy runs already, {@link PolicyNotActive} unless ACTIVE. */
    public BackupRun start(BackupPolicy policy, Trigger trigger) {
        return start(policy, trigger, null);
    }

    /** As {@link #start(BackupPolicy, Trigger)}, for the chat command {@code commandId} (null: none). */
    public BackupRun start(BackupPolicy policy, Trigger trigger, @Nullable String commandId) {
        if (policy.state() != BackupPolicy.State.ACTIVE) {
            throw new PolicyNotActive(policy);
        }
        return launch(policy, trigger, null, 1, commandId).run();
    }

    /** One attempt at a schedule slot; the future completes when it ended. */
    CompletableFuture<BackupRun> startScheduled(BackupPolicy policy, Instant slot, int attempt) {
        return launch(policy, Trigger.SCHEDULE, slot, attempt, null).ended();
    }

    private record Launched(BackupRun run, CompletableFuture<BackupRun> ended) {
    }

    private Launched launch(BackupPolicy policy, Trigger trigger, @Nullable Instant slot, int attempt,
                            @Nullable String commandId) {
        BackupRun run = runs.begin(policy, trigger, slot, attempt, commandId);
        CompletableFuture<BackupRun> ended = new CompletableFuture<>();
        Runnable submit = () -> executor.submit(run, policy).whenComplete((done, failure) -> {
            if (failure != null) {
                ended.completeExceptionally(failure);
            } else {
                ended.complete(done);
            }
        });
        var status = transactions.findTransactionStatus();
        if (status.isPresent()) {
            status.get().registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit.run();
                }
            });
        } else {
            submit.run();
        }
        return new Launched(run, ended);
    }
}
