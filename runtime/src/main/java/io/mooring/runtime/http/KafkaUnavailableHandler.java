package io.mooring.runtime.http;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Answers a request whose event Kafka did not acknowledge ({@link io.mooring.runtime.kafka.EventPublisher}) with 503
 * {@code kafka-unavailable} and {@code Retry-After} ({@code mooring.http.store-retry-after}, 5 s): the sender retries,
 * and the event's id keeps a second delivery from counting twice.
 */
@Singleton
final class KafkaUnavailableHandler implements ExceptionHandler<KafkaUnavailableException, HttpResponse<?>> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaUnavailableHandler.class);
    private final Duration retryAfter;

    KafkaUnavailableHandler(@Value("${mooring.http.store-retry-after:5s}") Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, KafkaUnavailableException exception) {
        LOG.warn("{} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
        return StoreUnavailableHandler.unavailable(request, "kafka-unavailable", "Kafka unavailable",
                "the event could not be written to Kafka; nothing was accepted, try again later", retryAfter);
    }
}
