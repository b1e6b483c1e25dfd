package io.mooring.search.index;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.tasks.GetTasksResponse;
import org.opensearch.client.opensearch.tasks.Status;
import org.opensearch.client.opensearch.tasks.TaskResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds a {@link ManagedIndex} with the code's current mapping without downtime: a new index is
 * created next to the one behind the alias and filled from it with OpenSearch's {@code _reindex}
 * (external versions kept, so the newest version of each document wins), then the alias is moved in
 * one atomic update, then a second pass copies what was written to the old index during the first
 * (older versions are skipped as conflicts), then the old index is deleted. Searches see the old
 * index until the swap and the new one after it; statuses written during the first pass appear in
 * the new one when the second pass ends. One reindex per index at a time across replicas: a
 * {@link ReindexLease} in the {@code search-operations} index, renewed while the operation runs. Each
 * operation's phase and progress are written there too, so every replica answers for it; an operation
 * whose replica stopped is failed (before the swap) or finished (after it) by the replica that finds
 * its lease expired.
 */
@Singleton
public class Reindexer {
    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private static final long POLL_MILLIS = 500;

    private final OpenSearchClient client;
    private final IndexBootstrap bootstrap;
    private final Clock clock;
    private final ManagedIndex operationsIndex;
    private final ReindexSettings reindexSettings;
    private final Map<String, ManagedIndex> byName;
    private final Map<UUID, ReindexOperation> operations = new ConcurrentHashMap<>();
    private final Map<String, ReindexOperation> running = new ConcurrentHashMap<>();
    private final Object pause = new Object();
    private volatile boolean stopping;

    public Reindexer(OpenSearchClient client, IndexBootstrap bootstrap, List<ManagedIndex> indices,
                     @Named(OperationsIndex.NAME) ManagedIndex operationsIndex, SearchSettings settings,
                     ReindexSettings reindexSettings, Clock clock) {
        this.client = client;
        this.bootstrap = bootstrap;
        this.clock = clock;
        this.operationsIndex = operationsIndex;
        this.reindexSettings = reindexSettings;
        String prefix = settings.getIndexPrefix();
        this.byName = indices.stream().filter(i -> !i.equals(operationsIndex))
                .collect(Collectors.toUnmodifiableMap(i -> i.alias().substring(prefix.length()), Function.identity()));
    }

    /** The names that can be reindexed, e.g. {@code statuses}. */
    public Set<String> names() {
        return byName.keySet();
    }

    /**
     * Creates the new index and starts copying in the background.
     *
     * @throws ReindexRefused for an unknown name or while a reindex of the index runs
     * @throws IOException    OpenSearch failures, left to {@link OpenSearchFailures} to classify
     */
    public ReindexStatus start(String name) throws IOException {
        ManagedIndex index = byName.get(name);
        if (index == null) {
            throw ReindexRefused.unknown(name, byName.keySet().stream().sorted().toList());
        }
        ReindexOperation operation;
        synchronized (this) {
            ReindexOperation current = running.get(index.alias());
            if (current != null) {
                throw ReindexRefused.running(name, current.id());
            }
            UUID id = UUID.randomUUID();
            ReindexLease lease = claim(name, id);
            try {
                String oldIndex = indexBehind(index);
                String newIndex = index.name() + "-" + SUFFIX.format(clock.instant());
                bootstrap.create(index, newIndex, false);
                operation = new ReindexOperation(id, index, name, oldIndex, newIndex, clock.instant());
                try {
                    save(operation.status());
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(newIndex);
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                releaseQuietly(lease);
                throw e;
            }
            operation.lease(lease);
            operations.put(operation.id(), operation);
            running.put(index.alias(), operation);
        }
        LOG.info("reindex {} started: {} -> {}", operation.id(), operation.oldIndex(), operation.newIndex());
        Thread.ofVirtual().name("reindex-" + name).start(() -> run(operation));
        return operation.status();
    }

    /**
     * The lease of the index for a new operation; refused while another replica's reindex of it runs. A lease whose
     * holder stopped renewing it is recovered first (see {@link #recoverAbandoned}).
     */
    private ReindexLease claim(String name, UUID id) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<ReindexLease> created = ReindexLease.create(client, operationsIndex.alias(), name, id, clock.instant());
            if (created.isPresent()) {
                return created.get();
            }
            Optional<ReindexLease> held = ReindexLease.read(client, operationsIndex.alias(), name);
            if (held.isPresent()) {
                if (!held.get().expired(clock.instant(), reindexSettings.getLease())) {
                    throw ReindexRefused.running(name, held.get().operation());
                }
                recover(held.get());
            }
        }
        Optional<ReindexLease> held = ReindexLease.read(client, operationsIndex.alias(), name);
        throw ReindexRefused.running(name, held.map(ReindexLease::operation).orElse(id));
    }

    /**
     * Takes up the reindex operations whose replica stopped (their lease not renewed for {@code lease}): one stopped
     * before the alias swap is failed and its new index deleted; one stopped after it is finished here (the second
     * pass again, then the old index deleted). Every replica looks, every {@code recovery-interval}; the lease lets
     * one of them do it.
     */
    @Scheduled(fixedDelay = "${mooring.search.reindex.recovery-interval:30s}", initialDelay = "5s")
    void recoverAbandoned() {
        if (!bootstrap.allReady()) {
            return; // the operations index may not exist yet; the next look comes after the bootstrap
        }
        for (String name : byName.keySet()) {
            try {
                if (running.containsKey(byName.get(name).alias())) {
                    continue;
                }
                Optional<ReindexLease> held = ReindexLease.read(client, operationsIndex.alias(), name);
                if (held.isPresent() && held.get().expired(clock.instant(), reindexSettings.getLease())) {
                    recover(held.get());
                }
            } catch (Exception e) {
                LOG.warn("cannot look for an abandoned reindex of {} now, next time: {}", name, OpenSearchFailures.describe(e));
            }
        }
    }

    private void recover(ReindexLease abandoned) throws IOException {
        ManagedIndex index = byName.get(abandoned.name());
        Optional<ReindexLease> taken;
        synchronized (this) {
            if (running.containsKey(index.alias())) {
                return;
            }
            taken = abandoned.renew(client, operationsIndex.alias(), abandoned.operation(), clock.instant());
            if (taken.isEmpty()) {
                return; // another replica took it
            }
        }
        ReindexLease lease = taken.get();
        ReindexStatus recorded = find(abandoned.operation()).orElse(null);
        if (recorded == null || recorded.finishedAt() != null) {
            // stopped before its operation was recorded, or after it ended
            releaseQuietly(lease);
            return;
        }
        boolean swapped = recorded.swappedAt() != null || indexBehind(index).equals(recorded.newIndex());
        if (!swapped) {
            deleteQuietly(recorded.newIndex());
            ReindexOperation operation = new ReindexOperation(recorded.id(), index, recorded.index(), recorded.oldIndex(),
                    recorded.newIndex(), recorded.startedAt());
            operation.progress(recorded.total(), recorded.copied(), recorded.skipped());
            operation.failed(clock.instant(), "abandoned: the replica running it stopped before the alias swap; "
                    + recorded.newIndex() + " was deleted and " + recorded.oldIndex() + " is still behind the alias");
            saveQuietly(operation, null);
            releaseQuietly(lease);
            LOG.warn("reindex {} of {} was abandoned before its swap: failed, {} deleted", recorded.id(), recorded.index(),
                    recorded.newIndex());
            return;
        }
        ReindexOperation operation = ReindexOperation.resumed(recorded, index);
        operation.lease(lease);
        synchronized (this) {
            operations.put(operation.id(), operation);
            running.put(index.alias(), operation);
        }
        LOG.info("reindex {} of {} was abandoned after its swap: catching up here", recorded.id(), recorded.index());
        Thread.ofVirtual().name("reindex-" + recorded.index()).start(() -> run(operation));
    }

    /** The operation, as this replica runs it, or as the operations index last recorded it. */
    @SuppressWarnings("unchecked")
    public Optional<ReindexStatus> find(UUID id) throws IOException {
        ReindexOperation local = operations.get(id);
        if (local != null) {
            return Optional.of(local.status());
        }
        Map<String, Object> doc = client.get(g -> g.index(operationsIndex.alias()).id(id.toString()), Map.class).source();
        return Optional.ofNullable(doc).map(d -> ReindexStatus.of((Map<String, Object>) d));
    }

    private void save(ReindexStatus status) throws IOException {
        client.index(i -> i.index(operationsIndex.alias()).id(status.id().toString()).document(status.document(clock.instant())));
    }

    /** Records the operation's progress; a failure to record it does not stop the reindex. */
    private ReindexStatus saveQuietly(ReindexOperation operation, ReindexStatus saved) {
        ReindexStatus status = operation.status();
        if (status.equals(saved)) {
            return saved;
        }
        try {
            save(status);
            return status;
        } catch (Exception e) {
            LOG.warn("could not record the progress of reindex {}: {}", operation.id(), OpenSearchFailures.describe(e));
            return saved;
        }
    }

    private void run(ReindexOperation operation) {
        boolean swapped = operation.swappedAlready();
        boolean handedOver = false;
        try {
            if (!swapped) {
                copy(operation);
                swap(operation);
                swapped = true;
                operation.swapped(clock.instant());
                saveQuietly(operation, null);
            }
            copy(operation);
            client.indices().delete(d -> d.index(operation.oldIndex()).ignoreUnavailable(true));
            operation.succeeded(clock.instant());
            LOG.info("reindex {} succeeded: {} now behind {}", operation.id(), operation.newIndex(), operation.index().alias());
        } catch (Exception e) {
            String why = e instanceof InterruptedException ? "stopped with the service" : OpenSearchFailures.describe(e);
            if (swapped && e instanceof InterruptedException) {
                // the second pass is left to the next replica that looks: the lease is given up, not released
                handedOver = true;
                LOG.info("reindex {} stopped with the service after its swap; another replica (or this one, restarted) "
                        + "finishes it", operation.id());
            } else {
                LOG.warn("reindex {} failed: {}", operation.id(), why);
                if (!swapped) {
                    deleteQuietly(operation.newIndex());
                } else {
                    why += "; the alias already points at " + operation.newIndex() + ", and " + operation.oldIndex()
                            + " is kept with what the second pass did not copy";
                }
                operation.failed(clock.instant(), why);
            }
        } finally {
            // once recorded, the operations index answers for it
            if (saveQuietly(operation, null) != null) {
                operations.remove(operation.id());
            }
            if (handedOver) {
                expireQuietly(operation);
            } else {
                releaseQuietly(operation.lease());
            }
            running.remove(operation.index().alias(), operation);
        }
    }

    /** Renews the operation's lease when due; a lease lost to another replica stops the operation. */
    private void renewLease(ReindexOperation operation) throws IOException {
        ReindexLease lease = operation.lease();
        if (lease == null || Duration.between(lease.renewedAt(), clock.instant()).compareTo(renewEvery()) < 0) {
            return;
        }
        operation.lease(lease.renew(client, operationsIndex.alias(), operation.id(), clock.instant())
                .orElseThrow(() -> new IllegalStateException("its lease was taken over by another replica")));
    }

    private Duration renewEvery() {
        return reindexSettings.getLease().dividedBy(4);
    }

    private void releaseQuietly(ReindexLease lease) {
        if (lease == null) {
            return;
        }
        try {
            lease.release(client, operationsIndex.alias());
        } catch (Exception e) {
            LOG.warn("could not release the reindex lease of {} (it expires by itself): {}", lease.name(),
                    OpenSearchFailures.describe(e));
        }
    }

    /** Marks the lease expired, so the next replica that looks takes the operation up at once. */
    private void expireQuietly(ReindexOperation operation) {
        try {
            ReindexLease lease = operation.lease();
            if (lease != null) {
                lease.renew(client, operationsIndex.alias(), operation.id(), Instant.EPOCH);
            }
        } catch (Exception e) {
            LOG.warn("could not hand over reindex {} (it is taken up when its lease expires): {}", operation.id(),
                    OpenSearchFailures.describe(e));
        }
    }

    /** One {@code _reindex} pass from the old index into the new one, its progress read from the task. */
    private void copy(ReindexOperation operation) throws IOException, InterruptedException {
        // the pass reads what is searchable: make every write so far searchable first
        client.indices().refresh(r -> r.index(operation.oldIndex()));
        String task = client.reindex(r -> {
            r.source(s -> s.index(operation.oldIndex()).size(reindexSettings.getBatchSize()))
                    .dest(d -> d.index(operation.newIndex()).versionType(VersionType.External))
                    .conflicts(Conflicts.Proceed)
                    .refresh(Refresh.True)
                    .waitForCompletion(false);
            if (reindexSettings.getRequestsPerSecond() > 0) {
                r.requestsPerSecond((float) reindexSettings.getRequestsPerSecond());
            }
            return r;
        }).task();
        ReindexStatus saved = null;
        while (true) {
            GetTasksResponse state = client.tasks().get(g -> g.taskId(task));
            Status status = state.task().status();
            if (status != null) {
                operation.progress(orZero(status.total()), orZero(status.created()) + orZero(status.updated()),
                        orZero(status.versionConflicts()));
                saved = saveQuietly(operation, saved);
            }
            renewLease(operation);
            if (state.completed()) {
                if (state.error() != null) {
                    throw new IllegalStateException("_reindex failed: " + state.error().type() + ": " + state.error().reason());
                }
                TaskResponse done = state.response();
                if (done != null) {
                    if (!done.failures().isEmpty()) {
                        throw new IllegalStateException("_reindex failed for " + done.failures().size() + " documents, e.g. "
                                + done.failures().getFirst().cause().reason());
                    }
                    operation.progress(done.total(), orZero(done.created()) + orZero(done.updated()), done.versionConflicts());
                }
                return;
            }
            synchronized (pause) {
                if (stopping) {
                    throw new InterruptedException("stopping");
                }
                pause.wait(POLL_MILLIS);
            }
        }
    }

    /** Moves the alias to the new index in one update; fails if it no longer points at the old one. */
    private void swap(ReindexOperation operation) throws IOException {
        String alias = operation.index().alias();
        client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(operation.oldIndex()).alias(alias).mustExist(true)))
                .actions(a -> a.add(add -> add.index(operation.newIndex()).alias(alias).isWriteIndex(true))));
        LOG.info("reindex {}: alias {} moved from {} to {}", operation.id(), alias, operation.oldIndex(), operation.newIndex());
    }

    private String indexBehind(ManagedIndex index) throws IOException {
        Set<String> behind = client.indices().getAlias(a -> a.name(index.alias())).result().keySet();
        if (behind.size() != 1) {
            throw new IllegalStateException("alias " + index.alias() + " points at " + behind + ", expected one index");
        }
        return behind.iterator().next();
    }

    private void deleteQuietly(String name) {
        try {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
        } catch (Exception e) {
            LOG.warn("could not delete {} after a failed reindex: {}", name, OpenSearchFailures.describe(e));
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @PreDestroy
    void stop() {
        stopping = true;
        synchronized (pause) {
            pause.notifyAll();
        }
    }
}
