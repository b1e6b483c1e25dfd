package io.mooring.runtime.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Kafka connection and topic settings, under {@code mooring.kafka}. */
@ConfigurationProperties("mooring.kafka")
public class KafkaSettings {
    private String bootstrap = "127.0.0.1:9092";
    private int partitions = 3;
    private short replicationFactor = 1;
    private List<String> produces = List.of();
    private Duration retryBackoffMax = Duration.ofSeconds(10);
    private Map<String, String> client = new HashMap<>();
    private String serviceName;

    public String getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Partitions of the topics this service creates. */
    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    /** Topics this service produces to, and so creates at start. */
    public List<String> getProduces() {
        return produces;
    }

    public void setProduces(List<String> produces) {
        this.produces = produces;
    }

    /** Longest pause between retries when Kafka or a store is unavailable. */
    public Duration getRetryBackoffMax() {
        return retryBackoffMax;
    }

    public void setRetryBackoffMax(Duration retryBackoffMax) {
        this.retryBackoffMax = retryBackoffMax;
    }

    /** Extra kafka-clients properties (e.g. security settings), passed through as they are. */
    public Map<String, String> getClient() {
        return client;
    }

    public void setClient(Map<String, String> client) {
        this.client = client;
    }

    @Property(name = "micronaut.application.name")
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public String getServiceName() {
        return serviceName == null ? "mooring" : serviceName;
    }
}
