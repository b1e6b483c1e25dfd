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
 * @param jsonCondition       http: a condition on the JSON body
 * @param credentials         kafka: the name of TLS/SASL settings configured under {@code mooring.probes.kafka}
 * @param monitorRole         postgres: the name of a role configured under {@code mooring.probes.postgres-roles},
 *                            which logs in and runs {@code SELECT 1}
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
        @Nullable String expectedAddress,
        @Nullable JsonConditionSettings jsonCondition,
        @Nullable String credentials,
        @Nullable String monitorRole) {

    /** Settings without a JSON condition, Kafka credentials or monitor role. */
    public MonitorSettings(String method, Map<String, String> headers, List<String> expectedStatus, String keyword,
                           Boolean keywordAbsent, Boolean followRedirects, Boolean verifyTls, Integer degradedAboveMillis,
                           Integer warnDays, String user, String database, Boolean tls, String expectedAddress) {
        this(method, headers, expectedStatus, keyword, keywordAbsent, followRedirects, verifyTls, degradedAboveMillis,
                warnDays, user, database, tls, expectedAddress, null, null, null);
    }

    MonitorSettings withWarnDays(Integer days) {
        return new MonitorSettings(method, headers, expectedStatus, keyword, keywordAbsent, followRedirects, verifyTls,
                degradedAboveMillis, days, user, database, tls, expectedAddress, jsonCondition, credentials, monitorRole);
    }

    /**
     * An HTTP monitor's condition on the JSON body: the value at {@code jsonPath} (Jayway JsonPath)
     * exists (or not), equals or does not equal a text, or is a number above or below a bound; exactly one test.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonConditionSettings(@Nullable String jsonPath, @Nullable String equals, @Nullable String notEquals,
                                        @Nullable Boolean exists, @Nullable java.math.BigDecimal greaterThan,
                                        @Nullable java.math.BigDecimal lessThan) {
    }

    public static final MonitorSettings NONE = new MonitorSettings(null, null, null, null, null, null, null, null,
            null, null, null, null, null);
}
