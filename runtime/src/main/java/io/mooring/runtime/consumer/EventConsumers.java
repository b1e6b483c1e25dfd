package io.mooring.runtime.consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.events.EventCodec;
import io.mooring.runtime.kafka.KafkaClients;
import io.mooring.runtime.kafka.TopicProvisioner;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Starts one {@link Subscription} per {@link EventHandler} and {@link BatchEventHandler} bean once
 * the server is up, each with its consumer group {@code <service>.<name>} and thread.
 */
@Singleton
public class EventConsumers implements ApplicationEventListener<ServerStartupEvent> {
    private final List<EventHandler> handlers;
    private final List<BatchEventHandler> batchHandlers;
    private final KafkaClients clients;
    private final Subscription.Collaborators collaborators;
    private final List<Subscription> running = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public EventConsumers(List<EventHandler> handlers, List<BatchEventHandler> batchHandlers, KafkaClients clients,
                          TopicProvisioner topics, DeadLetters deadLetters, EventCodec codec, ErrorClassifier classifier,
                          ConsumerSettings settings, MeterRegistry meters) {
        this.handlers = handlers;
        this.batchHandlers = batchHandlers;
        this.clients = clients;
        this.collaborators = new Subscription.Collaborators(clients, topics, deadLetters, codec, classifier, settings, meters);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!running.isEmpty()) {
            return;
        }
        handlers.forEach(h -> start(h.name(), h.topics(), EventSink.of(h), Map.of(), false, h.types()));
        batchHandlers.forEach(h -> start(h.name(), h.topics(), EventSink.of(h), h.consumerProperties(), h.partitionsInParallel(),
                Set.of()));
    }

    private void start(String name, Set<String> topics, EventSink sink, Map<String, Object> consumerProperties,
                       boolean partitionsInParallel, Set<String> types) {
        String group = clients.settings().getServiceName() + "." + name;
        Subscription subscription = new Subscription(group, topics, sink, consumerProperties, partitionsInParallel,
                types, collaborators);
        running.add(subscription);
        threads.add(Thread.ofPlatform().daemon().name("consumer-" + name).start(subscription));
    }

    /** The partitions held on one record for at least {@code mooring.consumer.stuck-after}, per consumer group. */
    public synchronized List<StuckPartition> stuck() {
        return running.stream().flatMap(s -> s.retries().stuck(collaborators.settings().getStuckAfter()).stream()
                .map(f -> new StuckPartition(s.group(), f.partition().topic(), f.partition().partition(), f.offset(),
                        f.attempts(), f.since(), f.error()))).toList();
    }

    /** The consumer groups running in this process. */
    public synchronized List<String> groups() {
        return running.stream().map(Subscription::group).toList();
    }

    @PreDestroy
    public synchronized void stop() throws InterruptedException {
        running.forEach(Subscription::stop);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
        running.clear();
        threads.clear();
    }
}
