package io.mooring.bench;

import io.mooring.events.EventCatalog;
import io.mooring.events.EventCodec;
import io.mooring.events.MalformedEventException;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads {@code mooring.provisioning} from its end as it was when the watcher started and notes, by
 * account id (the event subject), the {@link System#nanoTime()} at which each {@code account.ready}
 * was read. No consumer group: the partitions are assigned directly, so there is no rebalance to wait for.
 */
final class ReadyWatcher implements AutoCloseable {
    private static final String READY = EventCatalog.entryOf(AccountReady.class).type();

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private final AtomicLong malformed = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private ReadyWatcher(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = Thread.ofPlatform().name("bench-ready-watcher").daemon().start(this::poll);
    }

    /** Starts reading once the topic exists (the provisioner creates it); waits at most {@code timeout} for it. */
    static ReadyWatcher start(String bootstrapServers, Duration timeout) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.CLIENT_ID_CONFIG, "mooring-bench"),
                new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = partitions(consumer, timeout);
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end offsets now, before any account is created
            return new ReadyWatcher(consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(Topics.PROVISIONING, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(Topics.PROVISIONING + " does not exist after " + timeout.toSeconds() + " s");
            }
            Pause.of(Duration.ofMillis(200));
        }
    }

    private void poll() {
        try {
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                long readAt = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    note(record, readAt);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void note(ConsumerRecord<String, byte[]> record, long readAt) {
        try {
            ReceivedEvent event = codec.decode(record);
            if (READY.equals(event.type())) {
                arrivals.putIfAbsent(event.subject(), readAt);
            }
        } catch (MalformedEventException e) {
            malformed.incrementAndGet();
        }
    }

    /** When the account's ready event was read, if it was. */
    OptionalLong arrival(String accountId) {
        Long at = arrivals.get(accountId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Waits until every account's ready event was read or the timeout passed; returns how many are missing. */
    long await(Collection<String> accountIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long missing = accountIds.stream().filter(id -> !arrivals.containsKey(id)).count();
            if (missing == 0 || System.nanoTime() > deadline || !thread.isAlive()) {
                return missing;
            }
            Pause.of(Duration.ofMillis(100));
        }
    }

    /** Records on the topic that were not CloudEvents of the contract. */
    long malformed() {
        return malformed.get();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
