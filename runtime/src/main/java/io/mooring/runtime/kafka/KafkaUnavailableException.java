package io.mooring.runtime.kafka;

/** Kafka could not be reached or did not acknowledge in time: retriable. */
public class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
