package io.mooring.events;

import io.cloudevents.CloudEvent;
import io.mooring.events.backups.BackupVerified;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.provisioning.HostRegistered;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final AccountReady READY = new AccountReady("acct-0193b2c4", "soc-ialis", "host-par1-07", "small",
            "tech@soc.ialis.me");

    private final EventCodec codec = new EventCodec();
    private final ProducerRecord<String, byte[]> produced =
            codec.toRecord(EventEnvelope.of("provisioner", READY, ContractProbe.CLOCK));

    @Test
    void writesCloudEventsBinaryModeKeyedBySubject() {
        assertThat(Arrays.stream(produced.headers().toArray()).map(Header::key))
                .containsExactlyInAnyOrder("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time",
                        "content-type");
        assertThat(header("ce_specversion")).isEqualTo("1.0");
        assertThat(header("ce_type")).isEqualTo("mooring.provisioning.account.ready.v1");
        assertThat(header("ce_source")).isEqualTo("/mooring/provisioner");
        assertThat(header("ce_subject")).isEqualTo("acct-0193b2c4");
        assertThat(header("ce_time")).isEqualTo("2025-06-01T03:00:12.345678Z");
        assertThat(header("content-type")).isEqualTo("application/json");
        assertThat(UUID.fromString(header("ce_id")).version()).isEqualTo(7);
        assertThat(produced.key()).isEqualTo("acct-0193b2c4");
        assertThat(produced.topic()).isEqualTo(Topics.PROVISIONING);
    }

    @Test
    void writesTimeInUtc() {
        var event = codec.toCloudEvent(UUID.randomUUID(), "mooring.provisioning.account.ready.v1", "/mooring/provisioner",
                READY.accountId(), OffsetDateTime.parse("2025-06-01T05:00:12+02:00"), codec.encodeData(READY));

        assertThat(codec.toRecord(Topics.PROVISIONING, event).headers().lastHeader("ce_time").value())
                .asString(StandardCharsets.UTF_8).isEqualTo("2025-06-01T03:00:12Z");
    }

    @Test
    void encodesTheSameEventToTheSameBytes() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            labels.put("label-" + i, "value-" + i);
        }
        HostRegistered host = new HostRegistered("host-par1-07", "par1-07", "par1", 8, 32_768, 1_000, labels);

        assertThat(new String(codec.encodeData(host), StandardCharsets.UTF_8))
                .contains("\"labels\":{\"label-0\":\"value-0\",\"label-1\":\"value-1\",\"label-10\":");
    }

    @Test
    void decodesAnUnknownTypeWithEmptyData() {
        byte[] body = "{\"accountId\":\"acct-0193b2c4\",\"until\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(Topics.PROVISIONING, "acct-0193b2c4", body,
                KafkaRecords.withHeader(produced.headers(), "ce_type", "mooring.provisioning.account.hibernated.v2"));

        ReceivedEvent received = codec.decode(record);

        assertThat(received.isKnown()).isFalse();
        assertThat(received.data()).isEmpty();
        assertThat(received.dataAs(AccountReady.class)).isEmpty();
        assertThat(received.type()).isEqualTo("mooring.provisioning.account.hibernated.v2");
        assertThat(received.rawData()).isEqualTo(body);
        assertThatThrownBy(received::toEnvelope).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toleratesFieldsItDoesNotKnow() {
        byte[] body = ("{\"accountId\":\"acct-0193b2c4\",\"name\":\"soc-ialis\",\"hostId\":\"host-par1-07\","
                + "\"plan\":\"small\",\"ownerEmail\":null,\"region\":\"eu-west\",\"quota\":{\"diskGb\":20}}")
                .getBytes(StandardCharsets.UTF_8);

        ReceivedEvent received = codec.decode(KafkaRecords.record(Topics.PROVISIONING, "acct-0193b2c4", body,
                produced.headers()));

        assertThat(received.dataAs(AccountReady.class))
                .contains(new AccountReady("acct-0193b2c4", "soc-ialis", "host-par1-07", "small", null));
    }

    @Test
    void refusesARecordWithoutCloudEventsHeaders() {
        ConsumerRecord<String, byte[]> record = KafkaRecords.record(Topics.PROVISIONING, "acct-0193b2c4",
                codec.encodeData(READY), new RecordHeaders());

        assertThatThrownBy(() -> codec.decode(record))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a CloudEvent");
    }

    @Test
    void refusesAnIdThatIsNotAUuid() {
        assertThatThrownBy(() -> codec.decode(withHeader("ce_id", "42")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not a UUID");
    }

    @Test
    void refusesAnEventWithoutSubject() {
        assertThatThrownBy(() -> codec.decode(withHeader("ce_subject", null)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("no subject");
    }

    @Test
    void refusesAKnownTypeWhoseBodyLacksARequiredField() {
        byte[] body = "{\"accountId\":\"acct-0193b2c4\",\"name\":\"soc-ialis\",\"hostId\":\"host-par1-07\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(withBody(body)))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("invalid body")
                .hasMessageContaining("plan must not be blank");
    }

    @Test
    void refusesAMissingBooleanInsteadOfReadingFalse() {
        assertThatThrownBy(() -> codec.decode(verified("{\"policyId\":\"bpol-1\",\"runId\":\"brun-1\"}")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("invalid body");
        assertThat(codec.decode(verified("{\"policyId\":\"bpol-1\",\"runId\":\"brun-1\",\"ok\":false}")).data())
                .contains(new BackupVerified("bpol-1", "brun-1", false));
    }

    @Test
    void refusesAKnownTypeWithANullOrEmptyBody() {
        assertThatThrownBy(() -> codec.decode(withBody("null".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("null body");
        assertThatThrownBy(() -> codec.decode(withBody(new byte[0])))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode(withBody("[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void refusesABodyAboutAnotherAggregateThanTheSubject() {
        assertThatThrownBy(() -> codec.decode(withHeader("ce_subject", "acct-someone-else")))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("subject 'acct-someone-else'");
    }

    private CloudEvent verified(String body) {
        return codec.toCloudEvent(UUID.randomUUID(), "mooring.backups.run.verified.v1", "/mooring/backup-service",
                "bpol-1", OffsetDateTime.parse("2025-06-01T03:00:00Z"), body.getBytes(StandardCharsets.UTF_8));
    }

    private String header(String name) {
        return new String(produced.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private ConsumerRecord<String, byte[]> withHeader(String name, String value) {
        return KafkaRecords.record(produced.topic(), produced.key(), produced.value(),
                KafkaRecords.withHeader(produced.headers(), name, value));
    }

    private ConsumerRecord<String, byte[]> withBody(byte[] body) {
        return KafkaRecords.record(produced.topic(), produced.key(), body, produced.headers());
    }
}
