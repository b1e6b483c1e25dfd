package io.mooring.runtime.kafka;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.ServerKind;
import io.mooring.stack.Servers;
import io.mooring.testing.RealServersProperties;
import io.mooring.testing.TopicReader;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** {@link EventPublisher} on the real broker: 202 once the event is on Kafka, 503 with Retry-After while it is away. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventPublisherIT implements TestPropertyProvider {
    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(RealServersProperties.withFreshDatabase("publisher", ServerKind.KAFKA,
                ServerKind.POSTGRES));
        properties.put("mooring.kafka.publish-timeout", "2s");
        properties.put("mooring.http.store-retry-after", "7s");
        return properties;
    }

    @Test
    void answersOnlyOnceTheEventIsOnKafkaAndWith503WhileKafkaIsAway() {
        String account = UUID.randomUUID().toString();
        HttpResponse<String> accepted = client.toBlocking().exchange(publish(account), String.class);
        assertThat(accepted.code()).isEqualTo(202);
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(reader.events())
                    .anySatisfy(e -> assertThat(e.dataAs(AccountPurged.class)).hasValueSatisfying(
                            purged -> assertThat(purged.accountId()).isEqualTo(account))));
        }

        KafkaServer kafka = Servers.kafka();
        String refused = UUID.randomUUID().toString();
        kafka.stop();
        try {
            long started = System.nanoTime();
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(publish(refused), String.class));
            assertThat(e).isNotNull();
            assertThat(e.code()).isEqualTo(503);
            assertThat(e.getResponse().getHeaders().get("Retry-After")).isEqualTo("7");
            assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("urn:mooring:problem:kafka-unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the publish timeout")
                    .isLessThan(Duration.ofSeconds(30));
        } finally {
            kafka.start();
        }
        String later = UUID.randomUUID().toString();
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(
                () -> client.toBlocking().exchange(publish(later), String.class).code() == 202);
    }

    private static HttpRequest<String> publish(String account) {
        return HttpRequest.POST("/v1/publish-probe/" + account, "").bearerAuth("it-operator");
    }
}
