package io.mooring.search.mastodon;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.events.EventEnvelope;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.kafka.EventPublisher;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;

/**
 * Removes a status from search, since Mastodon sends no webhook for deletions: publishes a
 * {@code status.deleted} event for the operator's moderation tooling. Operator tokens only (the
 * runtime's bearer filter refuses other tokens a DELETE).
 */
@Tag(name = "statuses")
@Controller("/v1/statuses")
public class StatusDeletionController {
    private final EventPublisher publisher;
    private final Clock clock;

    public StatusDeletionController(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The deletion published: the status's source and id, and the version its tombstone carries. */
    @Serdeable
    public record Deletion(String source, String statusId, String accountId, long version) {
    }

    /**
     * Publishes a deletion of the status, versioned now (epoch milliseconds), so that it outranks every
     * edit Mastodon sent before it. 202 once Kafka has it; the status disappears from search within
     * the refresh interval. 503 while Kafka does not acknowledge.
     *
     * @param source    the instance, as statuses name their {@code source}
     * @param id        the status id on that instance
     * @param accountId the author's account id on that instance
     */
    @Delete("/{source}/{id}")
    public HttpResponse<?> delete(@PathVariable String source, @PathVariable String id, @QueryValue @Nullable String accountId)
            throws KafkaUnavailableException {
        if (accountId == null || accountId.isBlank()) {
            throw ProblemException.invalid("accountId", "is required: the author's account id on the instance");
        }
        long version = clock.millis();
        EventEnvelope deletion;
        try {
            deletion = DeliveryMapping.deletion(source, id, accountId, version);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is not valid" : e.getMessage();
            String field = message.startsWith("statusId") ? "id" : message.startsWith("accountId") ? "accountId" : "source";
            throw ProblemException.invalid(field, message);
        }
        // while Kafka does not acknowledge, the runtime answers 503 kafka-unavailable with Retry-After
        publisher.publish(deletion);
        return HttpResponse.accepted().body(new Deletion(source, id, accountId, version));
    }
}
