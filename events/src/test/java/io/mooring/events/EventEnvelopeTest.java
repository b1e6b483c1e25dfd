package io.mooring.events;

import io.mooring.events.monitoring.MonitorDeleted;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    private static final Clock PARIS = Clock.fixed(Instant.parse("2025-06-01T03:00:12Z"), ZoneId.of("Europe/Paris"));

    @Test
    void wrapsAPayloadWithItsCatalogTypeAndAFreshTimeOrderedId() {
        EventEnvelope first = EventEnvelope.of("monitor-service", new MonitorDeleted("mon-1"), PARIS);
        EventEnvelope second = EventEnvelope.of("monitor-service", new MonitorDeleted("mon-1"), PARIS);

        assertThat(first.type()).isEqualTo("mooring.monitoring.monitor.deleted.v1");
        assertThat(first.topic()).isEqualTo(Topics.MONITORING);
        assertThat(first.source()).isEqualTo("/mooring/monitor-service");
        assertThat(first.subject()).isEqualTo("mon-1");
        assertThat(first.time()).isEqualTo(OffsetDateTime.parse("2025-06-01T03:00:12Z"));
        assertThat(first.id().version()).isEqualTo(7);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.id().toString()).isGreaterThan(first.id().toString());
    }

    @Test
    void refusesABlankService() {
        assertThatThrownBy(() -> EventEnvelope.of(" ", new MonitorDeleted("mon-1"), PARIS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("service");
    }

    @Test
    void namesTheDeadLetterTopicOfATopic() {
        assertThat(Topics.deadLetter(Topics.BACKUPS)).isEqualTo("mooring.backups.dlq");
    }
}
