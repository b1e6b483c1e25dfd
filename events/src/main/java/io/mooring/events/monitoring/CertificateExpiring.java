package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A tls monitor's certificate expires within the monitor's warning days. Sent once per certificate (told apart by
 * the day it expires): a renewed certificate that later nears its end is warned about again.
 *
 * @param target    the monitor's {@code host:port}
 * @param daysLeft  whole days left when it was seen (0: expires within a day)
 * @param expiresOn the UTC day it expires, ISO-8601 ({@code 2027-01-31})
 * @param warnDays  the monitor's warning days
 * @param accountId nullable: the account the monitor belongs to; null for platform monitors
 */
@EventType(value = "mooring.monitoring.certificate.expiring.v1", topic = Topics.MONITORING)
public record CertificateExpiring(String monitorId, String target, long daysLeft, String expiresOn, long warnDays,
                                  String accountId) implements MooringEvent {

    public CertificateExpiring {
        Require.text(monitorId, "monitorId");
        Require.text(target, "target");
        Require.notNegative(daysLeft, "daysLeft");
        Require.text(expiresOn, "expiresOn");
        try {
            LocalDate.parse(expiresOn);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresOn must be an ISO-8601 date such as 2027-01-31, was '" + expiresOn + "'");
        }
        Require.notNegative(warnDays, "warnDays");
        Require.optionalText(accountId, "accountId");
    }

    @Override
    public String subject() {
        return monitorId;
    }
}
