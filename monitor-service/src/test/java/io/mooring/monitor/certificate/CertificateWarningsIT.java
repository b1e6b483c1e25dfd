package io.mooring.monitor.certificate;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.mooring.events.Topics;
import io.mooring.events.monitoring.CertificateExpiring;
import io.mooring.monitor.MovableClockIT;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.testing.ApiClient.Reply;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.mooring.monitor.TestServers.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Certificate warnings on real Postgres and Kafka: one {@code CertificateExpiring} per certificate, not per check. */
@MicronautTest(transactional = false)
class CertificateWarningsIT extends MovableClockIT {

    @Inject
    CertificateWarnings warnings;
    @Inject
    MonitorRepository monitors;

    @Test
    void warnsOncePerCertificateWithinItsWarningDays() {
        Monitor tls = create("{\"name\": \"tls-" + UUID.randomUUID() + "\", \"kind\": \"tls\", \"target\": \"127.0.0.1:1\", "
                + "\"intervalSeconds\": 86400, \"settings\": {\"warnDays\": 10}}");
        Monitor http = create("{\"name\": \"web-" + UUID.randomUUID() + "\", \"kind\": \"http\", "
                + "\"target\": \"https://127.0.0.1:1/\", \"intervalSeconds\": 86400}");
        Instant day = Instant.parse("2026-03-01T23:59:00Z");

        assertThat(checked(tls, 20L, day)).as("outside the warning days").isFalse();
        assertThat(checked(tls, 9L, day)).as("first sight").isTrue();
        assertThat(checked(tls, 9L, day.plusSeconds(60))).as("same certificate, next check").isFalse();
        assertThat(checked(tls, 8L, day.plus(Duration.ofMinutes(2)))).as("same certificate across midnight").isFalse();
        assertThat(checked(tls, 3L, day.plus(Duration.ofDays(6)))).as("same certificate, days later").isFalse();
        assertThat(checked(tls, 5L, day.plus(Duration.ofDays(60)))).as("a renewed certificate").isTrue();
        assertThat(checked(tls, -1L, day.plus(Duration.ofDays(70)))).as("expired: the check is DOWN").isFalse();
        assertThat(checked(tls, null, day)).isFalse();
        assertThat(checked(http, 1L, day)).as("not a tls monitor").isFalse();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<CertificateExpiring> sent = log.events(Topics.MONITORING, CertificateExpiring.class).stream()
                    .filter(e -> e.monitorId().equals(tls.id().toString())).toList();
            assertThat(sent).extracting(CertificateExpiring::expiresOn).containsExactly("2026-03-10", "2026-05-05");
            assertThat(sent).extracting(CertificateExpiring::warnDays).containsOnly(10L);
            assertThat(sent.getFirst().target()).isEqualTo("127.0.0.1:1");
        });
    }

    private boolean checked(Monitor monitor, Long daysLeft, Instant at) {
        return transactions.executeWrite(status -> warnings.checked(monitor, daysLeft, at));
    }

    private Monitor create(String body) {
        Reply created = api.as(OPERATOR_TOKEN).post("/v1/monitors", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return monitors.findById(UUID.fromString(created.tree().get("id").asText())).orElseThrow();
    }
}
