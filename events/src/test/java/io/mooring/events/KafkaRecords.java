package io.mooring.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Consumer records as a broker would hand them out, without a broker. */
final class KafkaRecords {

    private KafkaRecords() {
    }

    /** What a consumer reads after {@code sent} was produced: same topic, key, value and headers. */
    static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> sent) {
        return record(sent.topic(), sent.key(), sent.value(), new RecordHeaders(sent.headers().toArray()));
    }

    static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value, Headers headers) {
        return new ConsumerRecord<>(topic, 0, 42L, 1_748_746_812_000L, TimestampType.CREATE_TIME,
                key == null ? -1 : key.getBytes(StandardCharsets.UTF_8).length, value == null ? -1 : value.length,
                key, value, headers, Optional.empty());
    }

    /** A copy of {@code sent}'s headers with {@code name} set to {@code value}, or removed when it is null. */
    static Headers withHeader(Headers sent, String name, String value) {
        RecordHeaders headers = new RecordHeaders(sent.toArray());
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
