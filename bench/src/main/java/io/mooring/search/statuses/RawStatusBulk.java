package io.mooring.search.statuses;

import io.mooring.events.EventCodec;
import io.mooring.events.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw ceiling of the indexer benchmark: the least a program can do to put the topic's statuses into OpenSearch
 * — one Kafka consumer, the indexer's own documents ({@link StatusDocument}, {@link AuthorUpdate}: the same
 * operations the indexer sends, author updates merged per request as the indexer merges them per batch),
 * {@code _bulk} requests of {@code batch} operations with {@code concurrency} in flight — and nothing else: no offsets committed, no retries, no dead letters, no framework.
 */
public final class RawStatusBulk {
    private final OpenSearchClient client;
    private final String bootstrap;
    private final String topic;

    public RawStatusBulk(OpenSearchClient client, String bootstrap, String topic) {
        this.client = client;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    /**
     * The raw ceiling as a program of its own, started fresh like the indexer:
     * {@code RawStatusBulk <bootstrap> <opensearch url> <topic> <limit> <batch> <concurrency> <statuses alias> <authors alias>};
     * exits 1 when OpenSearch refused items.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 8) {
            System.err.println("usage: RawStatusBulk <bootstrap> <opensearch url> <topic> <limit> <batch> <concurrency> "
                    + "<statuses alias> <authors alias>");
            System.exit(2);
        }
        OpenSearchClient client = new OpenSearchClient(ApacheHttpClient5TransportBuilder.builder(HttpHost.create(args[1])).build());
        Result result = new RawStatusBulk(client, args[0], args[2]).index(Long.parseLong(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), args[6], args[7]);
        System.out.println(result);
        System.exit(result.failedItems() == 0 ? 0 : 1);
    }

    /** Bulk operations sent and items OpenSearch refused (none expected: each run writes to empty indices). */
    public record Result(long records, long operations, long failedItems, String firstFailure) {
    }

    /**
     * Reads the first {@code limit} records of the topic and indexes them into the aliases {@code statusesAlias} and
     * {@code authorsAlias}; returns once every bulk request has been answered.
     */
    public Result index(long limit, int batch, int concurrency, String statusesAlias, String authorsAlias)
            throws InterruptedException {
        EventCodec codec = new EventCodec();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicLong failed = new AtomicLong();
        AtomicLong operations = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long read = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(batch))) {
            consumer.subscribe(Set.of(topic));
            List<BulkOperation> pending = new ArrayList<>(batch);
            // one update per author and request, merged in order, as the indexer sends one per author and batch
            Map<String, AuthorUpdate> authors = new LinkedHashMap<>();
            while (read < limit) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (read == limit) {
                        break;
                    }
                    read++;
                    ReceivedEvent event = codec.decode(record);
                    StatusDocument.of(event).ifPresent(document -> pending.add(BulkOperation.of(b -> b.index(i -> i
                            .index(statusesAlias)
                            .id(document.id())
                            .version(document.version())
                            .versionType(VersionType.External)
                            .document((Map<String, Object>) document.body())
                            .requireAlias(true)))));
                    AuthorUpdate.of(event).ifPresent(update -> authors.merge(update.id(), update, AuthorUpdate::then));
                    if (pending.size() + authors.size() >= batch) {
                        flush(pending, authors, authorsAlias, senders, inFlight, failed, firstFailure, operations);
                    }
                }
            }
            if (!pending.isEmpty() || !authors.isEmpty()) {
                flush(pending, authors, authorsAlias, senders, inFlight, failed, firstFailure, operations);
            }
            inFlight.acquire(concurrency);
        } finally {
            senders.shutdownNow();
        }
        return new Result(read, operations.get(), failed.get(), firstFailure.get());
    }

    private void flush(List<BulkOperation> pending, Map<String, AuthorUpdate> authors, String authorsAlias,
                       ExecutorService senders, Semaphore inFlight, AtomicLong failed, AtomicReference<String> firstFailure,
                       AtomicLong operations) throws InterruptedException {
        authors.values().forEach(update -> pending.add(update.operation(authorsAlias)));
        send(List.copyOf(pending), senders, inFlight, failed, firstFailure);
        operations.addAndGet(pending.size());
        pending.clear();
        authors.clear();
    }

    private void send(List<BulkOperation> operations, ExecutorService senders, Semaphore inFlight, AtomicLong failed,
                      AtomicReference<String> firstFailure) throws InterruptedException {
        inFlight.acquire();
        senders.execute(() -> {
            try {
                BulkResponse response = client.bulk(b -> b.operations(operations));
                if (response.errors()) {
                    response.items().stream().filter(item -> item.error() != null).forEach(item -> {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, item.error().type() + ": " + item.error().reason());
                    });
                }
            } catch (Exception e) {
                failed.addAndGet(operations.size());
                firstFailure.compareAndSet(null, e.toString());
            } finally {
                inFlight.release();
            }
        });
    }

    private Properties consumerProperties(int batch) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(batch, 500));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
