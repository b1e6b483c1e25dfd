package io.mooring.monitor.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * How a monitor checks, beyond its target: one flat record for every kind, of which each kind
 * admits only its own fields (see {@link MonitorChecks}). Stored as JSON in {@code monitor.settings},
 * with the defaults filled in, and shown as such.
 *
 * @param method              http: GET (default) or HEAD
 * @param headers             http: request headers to send
 * @param expectedStatus      http: statuses or ranges counted as up, e.g. {@code ["200-299", "301"]}; default 200-399
 * @param keyword             http: text the body must contain (or lack, with {@code keywordAbsent})
 * @param followRedirects     http: default true
 * @param verifyTls           http: check the certificate chain and host name; default true
 * @param degradedAboveMillis http: slower answers count as degraded
 * @param warnDays            tls: a certificate expiring sooner is degraded; default 14
 * @param user                postgres: the role named in the start-up (never a password); default mooring_monitor
 * @param database            postgres: default postgres
 * @param tls                 postgres (default false), redis (default true): speak TLS
 * @param expectedAddress     dns: an IP address the name must resolve to
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonitorSettings(
        @Nullable String method,
        @Nullable Map<String, String> headers,
        @Nullable List<String> expectedStatus,
        @Nullable String keyword,
        @Nullable Boolean keywordAbsent,
        @Nullable Boolean followRedirects,
        @Nullable Boolean verifyTls,
        @Nullable Integer degradedAboveMillis,
        @Nullable Integer warnDays,
        @Nullable String user,
        @Nullable String database,
        @Nullable Boolean tls,
        @Nullable String expectedAddress) {

    MonitorSettings withWarnDays(Integer days) {
        return new MonitorSettings(method, headers, expectedStatus, keyword, keywordAbsent, followRedirects, verifyTls,
                degradedAboveMillis, days, user, database, tls, expectedAddress);
    }

    public static final MonitorSettings NONE = new MonitorSettings(null, null, null, null, null, null, null, null,
            null, null, null, null, null);
}
