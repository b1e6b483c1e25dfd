package io.mooring.provisioner.account;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.provisioner.testing.Api;
import io.mooring.provisioner.testing.Events;
import io.mooring.provisioner.testing.Fixtures;
import io.mooring.provisioner.testing.ProvisionerProperties;
import io.mooring.runtime.testing.TopicReader;
import io.mooring.stack.KafkaServer;
import io.mooring.stack.Servers;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.mooring.provisioner.testing.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaOutageIT implements TestPropertyProvider {
    private static final String TOKEN = "outage-it-operator";

    @Inject
    @Client("/")
    HttpClient client;

    @Override
    public Map<String, String> getProperties() {
        return ProvisionerProperties.with(TOKEN);
    }

    @Test
    void deliversEveryEventOnceInOrderAfterTheBrokerComesBack() {
        Api api = new Api(client, TOKEN);
        Fixtures fixtures = new Fixtures(api);
        String datacenter = unique("dc");
        KafkaServer kafka = Servers.kafka();
        List<String> accounts = new ArrayList<>();
        kafka.stop();
        try {
            fixtures.host(datacenter, 65536);
            for (int i = 0; i < 6; i++) {
                accounts.add(fixtures.account(datacenter, "small"));
            }
            api.post("/v1/accounts/" + accounts.getFirst() + "/suspend", Map.of("reason", "while Kafka was down"));
            assertThat(accounts).allSatisfy(id -> assertThat(fixtures.account(id).get("state")).isIn("READY", "SUSPENDED"));
        } finally {
            kafka.start();
        }

        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<ReceivedEvent> events = reader.events();
                return accounts.stream().allMatch(id -> Events.of(events, id).size() >= 3)
                        && Events.of(events, accounts.getFirst()).size() >= 4;
            });
            List<ReceivedEvent> events = reader.events();
            for (String id : accounts) {
                List<ReceivedEvent> ofAccount = Events.of(events, id);
                List<String> expected = id.equals(accounts.getFirst())
                        ? List.of("account.requested", "account.placed", "account.ready", "account.suspended")
                        : List.of("account.requested", "account.placed", "account.ready");
                assertThat(ofAccount).as(id).extracting(Events::shortType).containsExactlyElementsOf(expected);
            }
            Set<Object> ids = events.stream().map(ReceivedEvent::id).collect(Collectors.toSet());
            assertThat(ids).hasSameSizeAs(events);
        }
    }
}
