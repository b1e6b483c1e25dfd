package io.mooring.search.mastodon;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.events.EventEnvelope;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.kafka.EventPublisher;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.mooring.search.statuses.IndexedStatuses;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Clock;
import java.util.Optional;

/**
 * Removes a status from search, since Mastodon sends no webhook for deletions: publishes a
 * {@code status.deleted} event for the operator's moderation tooling. Operator tokens only (the
 * runtime's bearer filter refuses other tokens a DELETE).
 */
@Tag(name = "statuses")
@Controller("/v1/statuses")
public class StatusDeletionController {
    private final EventPublisher publisher;
    private final MastodonSources sources;
    private final IndexedStatuses statuses;
    private final Clock clock;

    public StatusDeletionController(EventPublisher publisher, MastodonSources sources, IndexedStatuses statuses, Clock clock) {
        this.publisher = publisher;
        this.sources = sources;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** The deletion published: the status's source and id, and the version its tombstone carries. */
    @Serdeable
    public record Deletion(String source, String statusId, String accountId, long version) {
    }

    /**
     * Publishes a deletion of the status, versioned now (epoch milliseconds), so that it outranks every
     * edit Mastodon sent before it. 202 once Kafka has it; the status disappears from search within
     * the refresh interval. 404 when no such status is indexed and no {@code accountId} says to delete it ahead
     * of its arrival; 503 while Kafka does not acknowledge.
     *
     * @param source    the instance, as statuses name their {@code source}, or the name of a configured Mastodon
     *                  source (as in its webhook URL)
     * @param id        the status id on that instance
     * @param accountId the author's account id on that instance: taken from the index when the status is there,
     *                  required otherwise
     */
    @Delete("/{source}/{id}")
    public HttpResponse<?> delete(@PathVariable String source, @PathVariable String id, @QueryValue @Nullable String accountId)
            throws KafkaUnavailableException {
        String instance = sources.named(source).map(MastodonSource::getInstance).orElse(source);
        String given = accountId == null || accountId.isBlank() ? null : accountId;
        long version = clock.millis();
        deletion(instance, id, given == null ? "unknown" : given, version); // checks source and id before any read
        Optional<String> indexed = statuses.authorOf(instance, id);
        if (indexed.isEmpty() && given == null) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", "no status " + id + " from "
                    + instance + " is indexed; check the source (the instance, e.g. social.example, or the name of a "
                    + "configured Mastodon source), or give accountId to delete the status ahead of its arrival");
        }
        if (indexed.isPresent() && given != null && !indexed.get().equals(given)) {
            throw ProblemException.invalid("accountId", "status " + id + " from " + instance + " was written by account "
                    + indexed.get() + ", not " + given);
        }
        String author = indexed.orElse(given);
        // while Kafka does not acknowledge, the runtime answers 503 kafka-unavailable with Retry-After
        publisher.publish(deletion(instance, id, author, version));
        return HttpResponse.accepted().body(new Deletion(instance, id, author, version));
    }

    private static EventEnvelope deletion(String instance, String id, String accountId, long version) {
        try {
            return DeliveryMapping.deletion(instance, id, accountId, version);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "is not valid" : e.getMessage();
            String field = message.startsWith("statusId") ? "id" : message.startsWith("accountId") ? "accountId" : "source";
            throw ProblemException.invalid(field, message);
        }
    }
}
