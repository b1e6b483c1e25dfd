package io.mooring.search.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.content.StatusSnapshot;
import io.mooring.events.content.StatusUpdated;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "mastodon.example";

    @Test
    void mapsAPublicStatusWithItsTagsAuthorAndCreationAsVersion() throws Exception {
        StatusCreated created = only(read("status-public")).dataAs(StatusCreated.class);
        assertThat(created.statusId()).isEqualTo("113500000000000001");
        assertThat(created.accountId()).isEqualTo("109382735491239002");
        assertThat(created.authorHandle()).isEqualTo("bob");
        assertThat(created.visibility()).isEqualTo("public");
        assertThat(created.language()).isEqualTo("en");
        assertThat(created.tags()).containsExactly("harbour");
        assertThat(created.mentions()).isEmpty();
        assertThat(created.indexable()).isTrue();
        assertThat(created.source()).isEqualTo(INSTANCE);
        assertThat(created.url()).isEqualTo("https://mastodon.example/@bob/113500000000000001");
        assertThat(created.version()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z").toEpochMilli());
        assertThat(created.content()).contains("zephyr public by bob");
    }

    @Test
    void anEditIsAnUpdateVersionedByItsEditTime() throws Exception {
        StatusUpdated updated = only(read("status-edited")).dataAs(StatusUpdated.class);
        assertThat(updated.version()).isEqualTo(Instant.parse("2026-11-20T09:30:00Z").toEpochMilli())
                .isGreaterThan(only(read("status-public")).dataAs(StatusCreated.class).version());
        assertThat(updated.tags()).containsExactly("harbour", "sailing");
    }

    @Test
    void mapsMentionsRepliesVisibilityAndTheAuthorsOptOut() throws Exception {
        StatusCreated direct = only(read("status-direct")).dataAs(StatusCreated.class);
        assertThat(direct.visibility()).isEqualTo("direct");
        assertThat(direct.mentions()).containsExactly("alice");
        StatusCreated reply = only(read("status-reply-direct")).dataAs(StatusCreated.class);
        assertThat(reply.inReplyToId()).isEqualTo("113500000000000004");
        assertThat(reply.inReplyToAccountId()).isEqualTo("109382735491239002");
        StatusCreated carol = only(read("status-not-indexable")).dataAs(StatusCreated.class);
        assertThat(carol.indexable()).isFalse();
        assertThat(carol.content()).as("the content warning is searchable too").startsWith("<p>weather</p>");
    }

    @Test
    void aBoostPublishesItsLinkAndTheBoostedStatusItself() throws Exception {
        List<EventEnvelope> events = read("status-reblog").events();
        assertThat(events).hasSize(2);
        StatusCreated boost = events.get(0).dataAs(StatusCreated.class);
        assertThat(boost.statusId()).isEqualTo("113500000000000006");
        assertThat(boost.authorHandle()).isEqualTo("alice");
        assertThat(boost.content()).isEmpty();
        assertThat(boost.reblogOfId()).isEqualTo("113500000000000005");
        StatusSnapshot boosted = (StatusSnapshot) events.get(1).data();
        assertThat(boosted.statusId()).isEqualTo("113500000000000005");
        assertThat(boosted.authorHandle()).isEqualTo("carol");
        assertThat(boosted.content()).contains("zephyr by carol");
        assertThat(boosted.indexable()).isFalse();
    }

    @Test
    void aRetriedDeliveryGivesTheSameEventsToTheByte() throws Exception {
        EventCodec codec = new EventCodec();
        for (String fixture : List.of("status-public", "status-edited", "status-reblog", "account-updated")) {
            List<EventEnvelope> first = read(fixture).events();
            List<EventEnvelope> again = read(fixture).events();
            assertThat(again).isEqualTo(first);
            for (EventEnvelope event : first) {
                ProducerRecord<String, byte[]> record = codec.toRecord(event);
                ReceivedEvent decoded = codec.decode(new ConsumerRecord<>(record.topic(), 0, 0, record.key(), record.value()) {
                    @Override
                    public org.apache.kafka.common.header.Headers headers() {
                        return record.headers();
                    }
                });
                assertThat(decoded.data()).as("decodes through the contract").contains(event.data());
            }
        }
        assertThat(only(read("status-public")).id()).isNotEqualTo(only(read("status-edited")).id());
        assertThat(DeliveryMapping.deletion(INSTANCE, "1", "2", 5).id()).isEqualTo(DeliveryMapping.deletion(INSTANCE, "1", "2", 9).id());
        assertThat(DeliveryMapping.deletion(INSTANCE, "1", "2", 5).dataAs(StatusDeleted.class).version()).isEqualTo(5);
    }

    @Test
    void anAccountUpdateCarriesTheAuthorsOptInVersionedByTheDelivery() throws Exception {
        EventEnvelope event = only(read("account-updated"));
        AuthorUpdated author = event.dataAs(AuthorUpdated.class);
        assertThat(author.accountId()).isEqualTo("109382735491239003");
        assertThat(author.authorHandle()).isEqualTo("carol");
        assertThat(author.indexable()).isTrue();
        assertThat(author.source()).isEqualTo(INSTANCE);
        assertThat(author.version()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
        assertThat(event.subject()).isEqualTo("109382735491239003");
        assertThat(only(read("account-updated")).id()).isEqualTo(event.id());
        assertThat(DeliveryMapping.read(JSON.readTree(with("account-updated", "/object/account", "indexable", null)), INSTANCE)
                .events()).as("an instance before Mastodon 4.2 sends no opt-in").isEmpty();
        assertRefused(with("account-updated", "/object/account", "indexable", "no"), "object.account.indexable");
        assertRefused(with("account-updated", "/object/account", "acct", " "), "object.account.acct");
        assertRefused(with("account-updated", "", "created_at", "now"), "created_at");
        assertRefused(with("account-updated", "/object", "account", null), "object.account");
    }

    @Test
    void otherEventsPublishNothing() throws Exception {
        assertThat(read("report-created").event()).isEqualTo("report.created");
        assertThat(read("report-created").events()).isEmpty();
        assertThat(DeliveryMapping.read(JSON.readTree("{\"event\":\"status.teleported\",\"object\":{}}"), INSTANCE).events()).isEmpty();
    }

    @Test
    void aMalformedDeliveryNamesWhatIsWrong() throws Exception {
        assertRefused("[]", "body");
        assertRefused("{\"object\":{}}", "event");
        assertRefused("{\"event\":7}", "event");
        assertRefused("{\"event\":\"status.created\"}", "object");
        assertRefused(with("status-public", "/object", "id", null), "object.id");
        assertRefused(with("status-public", "/object", "id", 113500000000000001L), "object.id");
        assertRefused(with("status-public", "/object", "created_at", "yesterday"), "object.created_at");
        assertRefused(with("status-public", "/object", "visibility", "limited"), "object.visibility");
        assertRefused(with("status-public", "/object", "language", "english!"), "object.language");
        assertRefused(with("status-public", "/object", "url", "javascript:alert(1)"), "object.url");
        assertRefused(with("status-public", "/object", "content", null), "object.content");
        assertRefused(with("status-public", "/object", "tags", "harbour"), "object.tags");
        assertRefused(with("status-direct", "/object/mentions/0", "acct", ""), "object.mentions[0].acct");
        assertRefused(with("status-public", "/object/account", "acct", null), "object.account.acct");
        assertRefused(with("status-public", "/object/account", "indexable", "yes"), "object.account.indexable");
        assertRefused(with("status-public", "/object", "account", null), "object.account");
        assertRefused(with("status-reblog", "/object/reblog", "visibility", "everyone"), "object.reblog.visibility");
    }

    private static DeliveryMapping.Delivery read(String fixture) throws Exception {
        return DeliveryMapping.read(JSON.readTree(Fixtures.bytes(fixture)), INSTANCE);
    }

    private static EventEnvelope only(DeliveryMapping.Delivery delivery) {
        assertThat(delivery.events()).hasSize(1);
        return delivery.events().getFirst();
    }

    private static String with(String fixture, String at, String field, Object value) throws Exception {
        JsonNode body = JSON.readTree(Fixtures.bytes(fixture));
        ((ObjectNode) body.at(at)).set(field, JSON.valueToTree(value));
        return JSON.writeValueAsString(body);
    }

    private static void assertRefused(String body, String field) {
        assertThatThrownBy(() -> DeliveryMapping.read(JSON.readTree(body), INSTANCE)).as(body)
                .isInstanceOfSatisfying(MalformedDelivery.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
