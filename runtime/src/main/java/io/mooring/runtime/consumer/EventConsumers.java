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

/** Starts one {@link Subscription} per {@link EventHandler} bean once the server is up. */
@Singleton
public class EventConsumers implements ApplicationEventListener<ServerStartupEvent> {
    private final List<EventHandler> handlers;
    private final KafkaClients clients;
    private final TopicProvisioner topics;
    private final DeadLetters deadLetters;
    private final EventCodec codec;
    private final MeterRegistry meters;
    private final List<Subscription> running = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public EventConsumers(List<EventHandler> handlers, KafkaClients clients, TopicProvisioner topics,
                          DeadLetters deadLetters, EventCodec codec, MeterRegistry meters) {
        this.handlers = handlers;
        this.clients = clients;
        this.topics = topics;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.meters = meters;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!running.isEmpty()) {
            return;
        }
        for (EventHandler handler : handlers) {
            String group = clients.settings().getServiceName() + "." + handler.name();
            Subscription subscription = new Subscription(handler, group, clients, topics, deadLetters, codec, meters);
            running.add(subscription);
            threads.add(Thread.ofPlatform().daemon().name("consumer-" + handler.name()).start(subscription));
        }
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
