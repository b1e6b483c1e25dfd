package io.mooring.runtime.kafka;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.mooring.events.EventEnvelope;
import io.mooring.events.provisioning.AccountPurged;

import java.time.Clock;

/** A controller that exists only to answer a request once its event is on Kafka, in tests. */
@Controller("/v1/publish-probe")
class PublishProbeController {
    private final EventPublisher publisher;

    PublishProbeController(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @Post("/{account}")
    HttpResponse<?> publish(@PathVariable String account) throws KafkaUnavailableException {
        publisher.publish(EventEnvelope.of("runtime-test", new AccountPurged(account), Clock.systemUTC()));
        return HttpResponse.accepted();
    }
}
