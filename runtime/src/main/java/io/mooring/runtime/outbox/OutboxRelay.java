package io.mooring.runtime.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.EventCodec;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.mooring.runtime.kafka.TopicProvisioner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Publishes outbox rows to Kafka in the order they were written, once each (at least once across
 * crashes; consumers are idempotent). While Kafka is down rows wait; nothing is dropped.
 *
 * <ul>
 *   <li>One replica publishes at a time: the one whose {@link OutboxLeadership} holds the session-level
 *       advisory lock on its own connection. A lost connection is a lost leadership, taken again later.</li>
 *   <li>One long-lived idempotent producer ({@code acks=all}) whose delivery timeout
 *       ({@code mooring.outbox.delivery-timeout}) outlasts broker outages, so the producer itself retries
 *       through them without duplicates; it is replaced only after a fatal error.</li>
 *   <li>No database transaction spans Kafka I/O: a batch is read in a short transaction, sent with
 *       callbacks (sending stops at the first failure), and exactly the acknowledged prefix is marked in
 *       a short transaction of its own. Later rows of the batch are sent again with the failed one.</li>
 * </ul>
 */
@Singleton
@Requires(beans = DataSource.class)
public class OutboxRelay implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration PENDING_REFRESH = Duration.ofSeconds(1);
    private static final String SELECT = """
            SELECT seq, event_id, topic, event_type, source, subject, event_time, data::text
            FROM mooring_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?
            """;
    private static final String MARK = "UPDATE mooring_outbox SET published_at = now() WHERE seq = ANY(?) AND published_at IS NULL";
    private static final String PENDING = "SELECT count(*) FROM mooring_outbox WHERE published_at IS NULL";

    private final TransactionOperations<Connection> transactions;
    private final OutboxLeadership leadership;
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final EventCodec codec;
    private final Duration pollInterval;
    private final Duration leadershipRetry;
    private final Duration deliveryTimeout;
    private final int batchSize;
    private final Counter published;
    private final AtomicLong pending = new AtomicLong();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private boolean wakeRequested;
    private long pendingCountedAt;
    private Thread thread;
    private Producer<String, byte[]> producer;

    public OutboxRelay(TransactionOperations<Connection> transactions, OutboxLeadership leadership, KafkaClients clients,
                       TopicProvisioner topics, EventCodec codec, MeterRegistry meters,
                       @Value("${mooring.outbox.poll-interval:100ms}") Duration pollInterval,
                       @Value("${mooring.outbox.batch-size:500}") int batchSize,
                       @Value("${mooring.outbox.delivery-timeout:15m}") Duration deliveryTimeout,
                       @Value("${mooring.outbox.leadership-retry:2s}") Duration leadershipRetry) {
        this.transactions = transactions;
        this.leadership = leadership;
        this.clients = clients;
        this.topics = topics;
        this.codec = codec;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.deliveryTimeout = deliveryTimeout;
        this.leadershipRetry = leadershipRetry;
        this.published = Counter.builder("mooring.outbox.published").description("Events published from the outbox").register(meters);
        Gauge.builder("mooring.outbox.pending", pending, AtomicLong::get)
                .description("Events in the outbox not yet published (the whole backlog)").register(meters);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("outbox-relay").start(this::run);
    }

    /** Asks the relay to look for new rows now instead of at its next poll. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeRequested = true;
            wakeUp.notifyAll();
        }
    }

    /** Whether this replica holds the outbox leadership now (and so publishes, and prunes). */
    public boolean isLeader() {
        return leadership.held();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try {
                refreshPending(false);
                if (!leadership.ensure()) {
                    pause(leadershipRetry);
                    continue;
                }
                topics.ensure(clients.settings().getProduces());
                Batch batch = publishBatch();
                if (batch.failure() != null) { // logged by publishBatch
                    if (isFatal(batch.failure())) {
                        closeProducer();
                    }
                    pause(backoff);
                    backoff = min(backoff.multipliedBy(2), clients.settings().getRetryBackoffMax());
                    continue;
                }
                backoff = Duration.ofMillis(250);
                if (batch.read() < batchSize) {
                    pause(pollInterval);
                }
            } catch (KafkaUnavailableException | RuntimeException e) {
                LOG.warn("outbox relay: {}; retrying in {} ms", e.getMessage(), backoff.toMillis());
                if (isFatal(e)) {
                    closeProducer();
                }
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), clients.settings().getRetryBackoffMax());
            }
        }
        closeProducer();
        leadership.release();
    }

    /** What one round did: rows read, rows acknowledged and marked, and the first send failure if any. */
    record Batch(int read, int marked, RuntimeException failure) {
    }

    /** Reads one batch, sends it and marks the acknowledged prefix. */
    Batch publishBatch() {
        List<Row> rows = transactions.executeRead(status -> load(status.getConnection()));
        if (rows.isEmpty()) {
            return new Batch(0, 0, null);
        }
        Sent sent = send(rows);
        int acked = sent.ackedPrefix();
        if (acked > 0) {
            List<Long> seqs = rows.subList(0, acked).stream().map(Row::seq).toList();
            transactions.executeWrite(status -> markPublished(status.getConnection(), seqs));
            published.increment(acked);
            pending.updateAndGet(p -> Math.max(0, p - acked));
        }
        if (sent.failure() != null) {
            LOG.warn("outbox relay: event {} not acknowledged, it and the {} after it are sent again ({} before it marked): {}",
                    rows.get(acked).eventId(), rows.size() - acked - 1, acked, sent.failure().toString());
        }
        return new Batch(rows.size(), acked, sent.failure());
    }

    /** The outcome of sending a batch: per row, acknowledged or not, and the first failure. */
    private record Sent(boolean[] acked, RuntimeException failure) {
        int ackedPrefix() {
            int i = 0;
            while (i < acked.length && acked[i]) {
                i++;
            }
            return i;
        }
    }

    private Sent send(List<Row> rows) {
        Producer<String, byte[]> kafka = producer();
        int n = rows.size();
        AtomicReferenceArray<Exception> outcome = new AtomicReferenceArray<>(n);
        AtomicBoolean failed = new AtomicBoolean();
        CountDownLatch completed = new CountDownLatch(n);
        RuntimeException failure = null;
        int issued = 0;
        // stop at the first failure to keep order: the failed row and the ones after it are sent again together
        for (; issued < n && !failed.get(); issued++) {
            Row row = rows.get(issued);
            int index = issued;
            try {
                var event = codec.toCloudEvent(row.eventId(), row.type(), row.source(), row.subject(), row.time(), row.data());
                kafka.send(codec.toRecord(row.topic(), event), (metadata, e) -> {
                    if (e != null) {
                        failed.set(true);
                    }
                    outcome.set(index, e == null ? Ok.INSTANCE : e);
                    completed.countDown();
                });
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        for (int i = issued; i < n; i++) {
            completed.countDown();
        }
        awaitCompletion(completed);
        boolean[] acked = new boolean[n];
        for (int i = 0; i < issued; i++) {
            Exception e = outcome.get(i);
            acked[i] = e == Ok.INSTANCE;
            if (!acked[i] && failure == null) {
                failure = e == null ? new IllegalStateException("the relay stopped before Kafka answered")
                        : e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }
        return new Sent(acked, failure);
    }

    /** Waits for every callback; the producer retries until its delivery timeout, so this ends. */
    private void awaitCompletion(CountDownLatch completed) {
        try {
            while (!completed.await(1, TimeUnit.SECONDS)) {
                refreshPending(false);
                if (!running) {
                    return; // stop(): what was acknowledged so far is still marked
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private List<Row> load(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT)) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                            rs.getString(8).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return rows;
    }

    private static int markPublished(Connection connection, List<Long> seqs) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(MARK)) {
            ps.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            return ps.executeUpdate();
        }
    }

    /** Counts the unpublished rows, at most once a second unless {@code now}. */
    void refreshPending(boolean now) {
        long t = System.nanoTime();
        if (!now && t - pendingCountedAt < PENDING_REFRESH.toNanos()) {
            return;
        }
        pendingCountedAt = t;
        try {
            pending.set(transactions.executeRead(status -> {
                try (PreparedStatement ps = status.getConnection().prepareStatement(PENDING);
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }));
        } catch (RuntimeException e) {
            LOG.debug("outbox relay: cannot count pending events", e);
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = newProducer();
        }
        return producer;
    }

    private Producer<String, byte[]> newProducer() {
        int timeout = (int) Math.min(Integer.MAX_VALUE, deliveryTimeout.toMillis());
        return clients.producer("outbox", Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024));
    }

    /** Errors after which the idempotent producer cannot go on; anything else it retries itself. */
    static boolean isFatal(Throwable e) {
        return e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof AuthenticationException || e instanceof AuthorizationException
                || e instanceof UnsupportedVersionException || e instanceof IllegalStateException;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("closing producer", e);
            }
            producer = null;
        }
    }

    private void pause(Duration duration) {
        synchronized (wakeUp) {
            if (wakeRequested) {
                // an event committed while the last batch was running
                wakeRequested = false;
                return;
            }
            try {
                wakeUp.wait(Math.max(1, duration.toMillis()));
                wakeRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
        }
        wakeUp();
        if (current != null) {
            current.join(10_000);
        }
    }

    /** Marks a callback that completed without error. */
    private static final class Ok extends Exception {
        static final Ok INSTANCE = new Ok();

        private Ok() {
            super(null, null, false, false);
        }
    }

    private record Row(long seq, UUID eventId, String topic, String type, String source, String subject,
                       OffsetDateTime time, byte[] data) {
    }
}
