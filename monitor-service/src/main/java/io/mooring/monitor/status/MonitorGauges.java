package io.mooring.monitor.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-monitor gauges on {@code /prometheus}, labelled {@code monitor} (its id, never its name or
 * account: the endpoint is public) and {@code kind}: {@code mooring_monitor_up} (1 up or degraded,
 * 0 down; absent while unknown or paused), {@code mooring_monitor_latency_seconds} of the last check
 * and {@code mooring_monitor_certificate_days_left} where the check saw a certificate. The set is
 * read from Postgres on a schedule and replaced as a whole, so deleted monitors drop out and the
 * series stay bounded by {@code mooring.metrics.max-monitor-series}.
 */
@Singleton
public class MonitorGauges {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorGauges.class);

    private final JdbcOperations jdbc;
    private final int maxSeries;
    private final MultiGauge up;
    private final MultiGauge latency;
    private final MultiGauge certificateDays;

    public MonitorGauges(JdbcOperations jdbc, MeterRegistry meters,
                         @Value("${mooring.metrics.max-monitor-series:10000}") int maxSeries) {
        this.jdbc = jdbc;
        this.maxSeries = maxSeries;
        this.up = MultiGauge.builder("mooring.monitor.up").description("1 when the monitor is up or degraded, 0 when down")
                .register(meters);
        this.latency = MultiGauge.builder("mooring.monitor.latency").baseUnit("seconds")
                .description("How long the monitor's last check took").register(meters);
        this.certificateDays = MultiGauge.builder("mooring.monitor.certificate.days.left")
                .description("Days until the certificate the last check saw expires").register(meters);
    }

    @Scheduled(fixedDelay = "${mooring.metrics.monitor-refresh:30s}", initialDelay = "${mooring.metrics.monitor-refresh:30s}")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("metrics: per-monitor gauges not refreshed, trying again at the next run: {}", e.getMessage());
        }
    }

    /** Replaces the gauges with the monitors' current values; how many monitors it exported. */
    @Transactional(readOnly = true)
    public int refresh() {
        List<MultiGauge.Row<?>> upRows = new ArrayList<>();
        List<MultiGauge.Row<?>> latencyRows = new ArrayList<>();
        List<MultiGauge.Row<?>> certificateRows = new ArrayList<>();
        int exported = jdbc.prepareStatement("""
                SELECT m.id, m.kind, m.state, s.latency_ms, s.certificate_days_left
                FROM monitor m LEFT JOIN monitor_status s ON s.monitor_id = m.id
                ORDER BY m.id LIMIT ?""", ps -> {
            ps.setInt(1, maxSeries + 1);
            int count = 0;
            try (ResultSet row = ps.executeQuery()) {
                while (count < maxSeries && row.next()) {
                    count++;
                    Tags tags = Tags.of("monitor", row.getString("id"), "kind", row.getString("kind"));
                    switch (row.getString("state")) {
                        case "UP", "DEGRADED" -> upRows.add(MultiGauge.Row.of(tags, 1));
                        case "DOWN" -> upRows.add(MultiGauge.Row.of(tags, 0));
                        default -> { }
                    }
                    long millis = row.getLong("latency_ms");
                    if (!row.wasNull()) {
                        latencyRows.add(MultiGauge.Row.of(tags, millis / 1000.0));
                    }
                    long days = row.getLong("certificate_days_left");
                    if (!row.wasNull()) {
                        certificateRows.add(MultiGauge.Row.of(tags, days));
                    }
                }
                if (row.next()) {
                    LOG.warn("metrics: more than {} monitors; per-monitor gauges cover the first {} by id", maxSeries, maxSeries);
                }
            }
            return count;
        });
        up.register(upRows, true);
        latency.register(latencyRows, true);
        certificateDays.register(certificateRows, true);
        return exported;
    }
}
