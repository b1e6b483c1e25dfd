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
import io.mooring.runtime.kafka.KafkaSettings;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.mooring.runtime.kafka.TopicProvisioner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes outbox rows to Kafka in the order they were written, once each (at least once across
 * crashes; consumers are idempotent). One replica publishes at a time, under a Postgres advisory
 * lock, so order holds across replicas. While Kafka is down rows wait; nothing is dropped.
 */
@Singleton
@Requires(beans = DataSource.class)
public class OutboxRelay implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x6d6f6f72696e67L; // "mooring"
    private static final String SELECT = """
            SELECT seq, event_id, topic, event_type, source, subject, event_time, data::text
            FROM mooring_outbox WHERE published_at IS NULL ORDER BY seq LIMIT ?
            """;

    private final TransactionOperations<Connection> transactions;
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final EventCodec codec;
    private final Duration pollInterval;
    private final int batchSize;
    private final Counter published;
    private final AtomicLong pending = new AtomicLong();
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private boolean wakeRequested;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(TransactionOperations<Connection> transactions, KafkaClients clients, TopicProvisioner topics,
                       EventCodec codec, MeterRegistry meters,
                       @Value("${mooring.outbox.poll-interval:100ms}") Duration pollInterval,
                       @Value("${mooring.outbox.batch-size:200}") int batchSize) {
        this.transactions = transactions;
        this.clients = clients;
        this.topics = topics;
        this.codec = codec;
        this.pollInterval = pollInterval;
        this.batchSize = batchSize;
        this.published = Counter.builder("mooring.outbox.published").description("Events published from the outbox").register(meters);
        Gauge.builder("mooring.outbox.pending", pending, AtomicLong::get).description("Events waiting in the outbox").register(meters);
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

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (running) {
            try {
                topics.ensure(clients.settings().getProduces());
                int count = publishBatch();
                backoff = Duration.ofMillis(250);
                if (count < batchSize) {
                    pause(pollInterval);
                }
            } catch (KafkaUnavailableException | RuntimeException e) {
                LOG.warn("outbox relay: {}; retrying in {} ms", e.getMessage(), backoff.toMillis());
                closeProducer();
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), clients.settings().getRetryBackoffMax());
            }
        }
        closeProducer();
    }

    /** Publishes up to one batch; returns how many rows it found. */
    int publishBatch() throws KafkaUnavailableException {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            if (!tryLock(connection)) {
                return 0;
            }
            List<Row> rows = load(connection);
            if (rows.isEmpty()) {
                pending.set(0);
                return 0;
            }
            List<Long> done = send(rows);
            markPublished(connection, done);
            published.increment(done.size());
            pending.set(rows.size() - done.size());
            if (done.size() < rows.size()) {
                throw new IllegalStateException("Kafka did not acknowledge " + (rows.size() - done.size()) + " events");
            }
            return rows.size();
        });
    }

    private List<Long> send(List<Row> rows) {
        KafkaProducer<String, byte[]> kafka = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        for (Row row : rows) {
            var event = codec.toCloudEvent(row.eventId, row.type, row.source, row.subject, row.time, row.data);
            futures.add(kafka.send(codec.toRecord(row.topic, event)));
        }
        kafka.flush();
        List<Long> done = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            try {
                futures.get(i).get(20, TimeUnit.SECONDS);
                done.add(rows.get(i).seq);
            } catch (Exception e) {
                LOG.warn("outbox relay: event {} not acknowledged: {}", rows.get(i).eventId, e.getMessage());
                break; // keep order: later rows are retried with it
            }
        }
        return done;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
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
                            rs.getString(8).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            }
        }
        return rows;
    }

    private static void markPublished(Connection connection, List<Long> seqs) throws SQLException {
        if (seqs.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE mooring_outbox SET published_at = now() WHERE seq = ANY(?)")) {
            ps.setArray(1, connection.createArrayOf("bigint", seqs.toArray()));
            ps.executeUpdate();
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = clients.producer("outbox");
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(1));
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
            current.join(5_000);
        }
    }

    private record Row(long seq, UUID eventId, String topic, String type, String source, String subject,
                       OffsetDateTime time, byte[] data) {
    }
}
