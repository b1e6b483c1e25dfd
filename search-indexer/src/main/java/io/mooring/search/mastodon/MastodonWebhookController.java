package io.mooring.search.mastodon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.kafka.EventPublisher;
import io.mooring.runtime.kafka.KafkaUnavailableException;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Mastodon's admin webhooks (Administration → Webhooks): signed deliveries of status events become
 * events on {@code mooring.content.statuses}. Public (no bearer token): the signature is the
 * authentication.
 */
@Tag(name = "webhooks")
@Controller("/webhooks/mastodon")
public class MastodonWebhookController {
    private static final Logger LOG = LoggerFactory.getLogger(MastodonWebhookController.class);
    private static final Set<String> MASTODON_EVENTS = Set.of("status.created", "status.updated", "account.created",
            "account.updated", "account.approved", "report.created", "report.updated");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final MastodonSources sources;
    private final MastodonSettings settings;
    private final EventPublisher publisher;
    private final MeterRegistry meters;

    public MastodonWebhookController(MastodonSources sources, MastodonSettings settings, EventPublisher publisher,
                                     MeterRegistry meters) {
        this.sources = sources;
        this.settings = settings;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** What a delivery did: {@code published} events, or {@code ignored} (an event the indexer does not use). */
    @Serdeable
    public record DeliveryResult(String event, String outcome, int published) {
    }

    /**
     * Receives one webhook delivery; needs no bearer token (the signature authenticates it). 200 once its events are acknowledged by Kafka, 202 for an event
     * that is not indexed; 401 for a missing, malformed or wrong {@code X-Hub-Signature}, 404 for an
     * unknown source, 413 for a body over the limit, 400 for a body that is not a Mastodon delivery,
     * 503 while Kafka does not acknowledge (Mastodon delivers again later).
     *
     * @param source the name of the instance in {@code mooring.search.mastodon.sources}
     */
    @Post("/{source}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.ALL})
    public HttpResponse<?> receive(@PathVariable String source,
                                   @Header(WebhookSignature.HEADER) @Nullable String signature,
                                   @Body @Nullable byte[] body) {
        MastodonSource configured = sources.named(source)
                .orElseThrow(() -> ProblemException.notFound("Mastodon source", source));
        byte[] raw = body == null ? new byte[0] : body;
        if (raw.length > settings.getMaxBodyBytes()) {
            count(source, "none", "too-large");
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-large", "Payload too large",
                    "the body has " + raw.length + " bytes, more than the " + settings.getMaxBodyBytes() + " accepted");
        }
        try {
            WebhookSignature.verify(configured.getSecret(), signature, raw);
        } catch (WebhookSignature.BadSignature e) {
            count(source, "none", "bad-signature");
            LOG.warn("mastodon webhook {}: {}", source, e.getMessage());
            return problem(HttpStatus.UNAUTHORIZED, "bad-signature", "Unauthorized", e.getMessage(), WebhookSignature.HEADER,
                    "/webhooks/mastodon/" + source);
        }
        DeliveryMapping.Delivery delivery;
        try {
            delivery = DeliveryMapping.read(parse(raw), configured.getInstance());
        } catch (MalformedDelivery e) {
            count(source, "none", "malformed");
            throw ProblemException.invalid(e.field(), e.reason());
        }
        String event = MASTODON_EVENTS.contains(delivery.event()) ? delivery.event() : "other";
        if (delivery.events().isEmpty()) {
            count(source, event, "ignored");
            return HttpResponse.accepted().body(new DeliveryResult(delivery.event(), "ignored", 0));
        }
        try {
            publisher.publish(delivery.events());
        } catch (KafkaUnavailableException e) {
            count(source, event, "kafka-unavailable");
            LOG.warn("mastodon webhook {}: {}", source, e.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Service unavailable",
                    "the events could not be written to Kafka; deliver again later", null, "/webhooks/mastodon/" + source)
                    .header("Retry-After", "30");
        }
        count(source, event, "published");
        return HttpResponse.ok(new DeliveryResult(delivery.event(), "published", delivery.events().size()));
    }

    private static JsonNode parse(byte[] raw) throws MalformedDelivery {
        if (raw.length == 0) {
            throw new MalformedDelivery("body", "is empty");
        }
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new MalformedDelivery("body", "is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedDelivery("body", "cannot be read: " + e.getMessage());
        }
    }

    private void count(String source, String event, String outcome) {
        meters.counter("mooring.search.mastodon.deliveries", "source", source, "event", event, "outcome", outcome).increment();
    }

    static io.micronaut.http.MutableHttpResponse<Problem> problem(HttpStatus status, String slug, String title, String detail,
                                                                  @Nullable String field, String instance) {
        List<Problem.FieldError> errors = field == null ? null : List.of(new Problem.FieldError(field, detail));
        return HttpResponse.<Problem>status(status).contentType(MediaType.of(Problem.MEDIA_TYPE))
                .body(new Problem(Problem.type(slug), title, status.getCode(), detail, instance, errors));
    }
}
