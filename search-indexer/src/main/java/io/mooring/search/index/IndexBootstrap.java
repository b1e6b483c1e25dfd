package io.mooring.search.index;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
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
    private final List<TimeSeriesIndex> series;
    private final SearchSettings settings;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    private final Object pause = new Object();
    private volatile boolean running = true;
    private Thread thread;

    public IndexBootstrap(OpenSearchClient client, List<ManagedIndex> indices, SearchSettings settings) {
        this(client, indices, List.of(), settings);
    }

    @Inject
    public IndexBootstrap(OpenSearchClient client, List<ManagedIndex> indices, List<TimeSeriesIndex> series,
                          SearchSettings settings) {
        this.client = client;
        this.indices = List.copyOf(indices);
        this.series = List.copyOf(series);
        this.settings = settings;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("index-bootstrap").start(this::ensureAll);
        }
    }

    /** True once every index exists behind its alias, and every time series has its template. */
    public boolean allReady() {
        return aliases().allMatch(ready::contains);
    }

    private java.util.stream.Stream<String> aliases() {
        return java.util.stream.Stream.concat(indices.stream().map(ManagedIndex::alias), series.stream().map(TimeSeriesIndex::alias));
    }

    /** Alias to {@code ready} or {@code pending}, for health details. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        aliases().forEach(alias -> status.put(alias, ready.contains(alias) ? "ready" : "pending"));
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
            for (TimeSeriesIndex index : series) {
                if (ready.contains(index.alias())) {
                    continue;
                }
                try {
                    ensure(index);
                    ready.add(index.alias());
                    LOG.info("index template and alias {} ready", index.alias());
                } catch (Exception e) {
                    LOG.warn("cannot set up index template {} yet: {}", index.alias(), OpenSearchFailures.describe(e));
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
                create(index, index.name(), true);
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

    /**
     * Creates {@code name} with the index's current mapping and the configured shards, replicas and
     * refresh interval; with its alias (as the write index) or without.
     */
    void create(ManagedIndex index, String name, boolean withAlias) throws IOException {
        client.indices().create(c -> {
            c.index(name)
                    .settings(s -> s
                            .numberOfShards(settings.getShards())
                            .numberOfReplicas(settings.getReplicas())
                            .refreshInterval(Time.of(t -> t.time(settings.getRefreshInterval().toMillis() + "ms"))))
                    .mappings(index.mapping());
            if (withAlias) {
                c.aliases(index.alias(), a -> a.isWriteIndex(true));
            }
            return c;
        });
    }

    private boolean aliasExists(ManagedIndex index) throws IOException {
        return client.indices().existsAlias(a -> a.name(index.alias())).value();
    }

    /**
     * Puts the template (the code's mapping and settings, and the alias, for every month's index made
     * from now on), then this month's index, so that the alias exists before the first write; fields
     * a newer mapping adds are put on the indices behind the alias.
     */
    private void ensure(TimeSeriesIndex index) throws IOException {
        client.indices().putIndexTemplate(t -> t
                .name(index.alias())
                .indexPatterns(List.of(index.pattern()))
                .template(m -> m
                        .settings(s -> s
                                .numberOfShards(settings.getShards())
                                .numberOfReplicas(settings.getReplicas())
                                .refreshInterval(Time.of(r -> r.time(settings.getRefreshInterval().toMillis() + "ms"))))
                        .mappings(index.mapping())
                        .aliases(index.alias(), a -> a)));
        if (client.indices().existsAlias(a -> a.name(index.alias())).value()) {
            client.indices().putMapping(m -> m.index(index.alias()).properties(index.mapping().properties()));
        }
        createMonth(index.indexFor(java.time.Instant.now()));
    }

    /** Creates a month's index from its template, if no one did already. */
    public void createMonth(String name) throws IOException {
        if (client.indices().exists(e -> e.index(name)).value()) {
            return;
        }
        try {
            client.indices().create(c -> c.index(name));
        } catch (OpenSearchException e) {
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                throw e;
            }
        }
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
