package io.mooring.events;

import java.util.List;

/** Kafka topic names of the platform. Each topic is created by the service that produces to it. */
public final class Topics {
    public static final String PROVISIONING = "mooring.provisioning";
    public static final String BACKUPS = "mooring.backups";
    public static final String MONITORING = "mooring.monitoring";
    public static final String CONTENT_STATUSES = "mooring.content.statuses";
    public static final String CHATOPS_COMMANDS = "mooring.chatops.commands";

    /** Every event topic (not the dead-letter topics). */
    public static final List<String> ALL = List.of(PROVISIONING, BACKUPS, MONITORING, CONTENT_STATUSES, CHATOPS_COMMANDS);

    /**
     * Headers a consumer adds when it moves a message to {@link #deadLetter(String)}. The original
     * key, body and headers are kept as they were.
     */
    public static final String DLQ_ERROR_HEADER = "mooring.dlq.error";
    public static final String DLQ_TOPIC_HEADER = "mooring.dlq.topic";
    public static final String DLQ_PARTITION_HEADER = "mooring.dlq.partition";
    public static final String DLQ_OFFSET_HEADER = "mooring.dlq.offset";
    public static final String DLQ_CONSUMER_HEADER = "mooring.dlq.consumer";

    private Topics() {
    }

    /** The dead-letter topic of a topic: where messages nobody can parse go, with the error in a header. */
    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
