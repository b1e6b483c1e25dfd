package io.mooring.runtime.kafka;

import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics with the configured partitions and replication, once per topic per process.
 * Throws while Kafka is unreachable; callers retry.
 */
@Singleton
public class TopicProvisioner {
    private final KafkaClients clients;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public TopicProvisioner(KafkaClients clients) {
        this.clients = clients;
    }

    public void ensure(Collection<String> topics) throws KafkaUnavailableException {
        List<String> missing = topics.stream().filter(t -> !ensured.contains(t)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        KafkaSettings settings = clients.settings();
        try (Admin admin = clients.admin()) {
            Set<String> existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
            List<NewTopic> toCreate = missing.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, settings.getPartitions(), settings.getReplicationFactor()))
                    .toList();
            for (var entry : admin.createTopics(toCreate).values().entrySet()) {
                try {
                    entry.getValue().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            ensured.addAll(missing);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("cannot create topics " + missing + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while creating topics", e);
        }
    }
}
