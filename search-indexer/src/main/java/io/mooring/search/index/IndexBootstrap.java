package io.mooring.search.index;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates every {@link ManagedIndex} with its mapping and points its alias at it, once the server
 * is up; an alias that already exists is left where it points, and fields added to a mapping are put
 * on the index behind it. Runs in the background and retries
 * with backoff while OpenSearch is unreachable, so the service starts (and reports itself not
 * ready) without it. Safe to run from several replicas at once.
 */
@Singleton
public class IndexBootstrap implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBootstrap.class);

    private final OpenSearchClient client;
    private final List<ManagedIndex> indices;
    private final SearchSettings settings;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Object pause = new Object();
    private volatile boolean running = true;
    private Thread thread;

    public IndexBootstrap(OpenSearchClient client, List<ManagedIndex> indices, SearchSettings settings) {
        this.client = client;
        this.indices = List.copyOf(indices);
        this.settings = settings;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("index-bootstrap").start(this::ensureAll);
        }
    }

    /** True once every index exists behind its alias. */
    public boolean allReady() {
        return indices.stream().allMatch(index -> ready.contains(index.alias()));
    }

    /** Alias to {@code ready} or {@code pending}, for health details. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        indices.forEach(index -> status.put(index.alias(), ready.contains(index.alias()) ? "ready" : "pending"));
        return status;
    }

    private void ensureAll() {
        Duration backoff = Duration.ofMillis(200);
        while (running && !allReady()) {
            for (ManagedIndex index : indices) {
                if (ready.contains(index.alias())) {
                    continue;
                }
                try {
                    ensure(index);
                    ready.add(index.alias());
                    LOG.info("alias {} ready", index.alias());
                } catch (Exception e) {
                    LOG.warn("cannot set up index {} yet: {}", index.name(), OpenSearchFailures.describe(e));
                }
            }
            if (!allReady()) {
                backoff = pause(backoff);
            }
        }
    }

    private void ensure(ManagedIndex index) throws IOException {
        // an alias that exists already is left where it points, even on another index (a newer version
        // swapped in); fields this version adds are put on its mapping, which only ever grows
        if (aliasExists(index)) {
            client.indices().putMapping(m -> m.index(index.alias()).properties(index.mapping().properties()));
            return;
        }
        if (!client.indices().exists(e -> e.index(index.name())).value()) {
            try {
                client.indices().create(c -> c
                        .index(index.name())
                        .settings(s -> s
                                .numberOfShards(settings.getShards())
                                .numberOfReplicas(settings.getReplicas())
                                .refreshInterval(Time.of(t -> t.time(settings.getRefreshInterval().toMillis() + "ms"))))
                        .mappings(index.mapping())
                        .aliases(index.alias(), a -> a.isWriteIndex(true)));
                return;
            } catch (OpenSearchException e) {
                // another replica created it first: fall through and check its alias
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        if (!aliasExists(index)) {
            client.indices().putAlias(a -> a.index(index.name()).name(index.alias()).isWriteIndex(true));
        }
    }

    private boolean aliasExists(ManagedIndex index) throws IOException {
        return client.indices().existsAlias(a -> a.name(index.alias())).value();
    }

    private Duration pause(Duration backoff) {
        synchronized (pause) {
            try {
                pause.wait(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(settings.getBootstrapBackoffMax()) > 0 ? settings.getBootstrapBackoffMax() : next;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        synchronized (pause) {
            pause.notifyAll();
        }
        Thread current;
        synchronized (this) {
            current = thread;
        }
        if (current != null) {
            current.join(5_000);
        }
    }
}
