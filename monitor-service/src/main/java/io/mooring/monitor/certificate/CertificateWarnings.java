package io.mooring.monitor.certificate;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.CertificateExpiring;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.rollup.UptimeDays;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@code CertificateExpiring} once per certificate: when a tls check sees fewer days left than the monitor's
 * {@code warnDays} (the check is then DEGRADED) and the monitor was not yet warned about a certificate expiring that
 * day. Days left are whole days, so the day computed for one certificate may move by one between checks: a day
 * within one of the day warned about is the same certificate.
 */
@Singleton
public class CertificateWarnings {
    static final int DEFAULT_WARN_DAYS = 14;

    private final JdbcOperations jdbc;
    private final Outbox outbox;

    public CertificateWarnings(JdbcOperations jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Looks at one check's certificate, in the transaction recording the check; returns whether it warned. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public boolean checked(Monitor monitor, Long daysLeft, Instant at) {
        if (monitor.kind() != MonitorKind.TLS || daysLeft == null || daysLeft < 0) {
            return false;
        }
        int warnDays = monitor.settings().warnDays() == null ? DEFAULT_WARN_DAYS : monitor.settings().warnDays();
        if (daysLeft >= warnDays) {
            return false;
        }
        LocalDate expiresOn = UptimeDays.dayOf(at).plusDays(daysLeft);
        boolean fresh = jdbc.prepareStatement("""
                INSERT INTO certificate_warning AS w (monitor_id, expires_on, warned_at) VALUES (?, ?, ?)
                ON CONFLICT (monitor_id) DO UPDATE SET expires_on = EXCLUDED.expires_on, warned_at = EXCLUDED.warned_at
                WHERE abs(w.expires_on - EXCLUDED.expires_on) > 1""", ps -> {
            ps.setObject(1, monitor.id());
            ps.setDate(2, Date.valueOf(expiresOn));
            ps.setTimestamp(3, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        });
        if (fresh) {
            outbox.append(new CertificateExpiring(monitor.id().toString(), monitor.target(), daysLeft, expiresOn.toString(),
                    warnDays, monitor.accountId()));
        }
        return fresh;
    }
}
