package io.mooring.monitor.monitor;

import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonitorTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://social.example.org/health",
            "http://social.example.org",
            "https://social.example.org:8443/api/v1/instance?x=1",
            "http://10.0.0.7:3000/",
            "http://[2001:db8::1]:8080/health"})
    void acceptsAbsoluteHttpUrls(String url) {
        assertThat(new MonitorTarget(MonitorKind.HTTP, url).value()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "social.example.org/health",
            "ftp://social.example.org/",
            "https://",
            "https:///health",
            "https://social example.org/",
            "/health",
            "https://social.example.org:70000/",
            "https://social.example.org:0/"})
    void rejectsAnythingButAnAbsoluteHttpUrl(String url) {
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.HTTP, url))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void requiresATargetForProbedKinds(String target) {
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.HTTP, target))
                .hasMessage("is required for http monitors");
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.TCP, target))
                .hasMessage("is required for tcp monitors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.org:5432", "10.0.0.7:1", "redis:65535", "[2001:db8::1]:6379"})
    void acceptsHostAndPort(String target) {
        assertThat(new MonitorTarget(MonitorKind.TCP, target).value()).isEqualTo(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.org:70000", "db.example.org:65536", "db.example.org:0", "db.example.org:05432",
            "db.example.org:1234567"})
    void rejectsPortsOutside1To65535(String target) {
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.TCP, target))
                .hasMessageStartingWith("port must be between 1 and 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.org", "db.example.org:", ":5432", "tcp://db.example.org:5432",
            "db example.org:5432", "2001:db8::1:6379", "db.example.org:http"})
    void rejectsTargetsThatAreNotHostAndPort(String target) {
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.TCP, target))
                .hasMessageStartingWith("must be host:port");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://social.example.org/health", "", "nightly-job"})
    void rejectsAnyTargetForHeartbeats(String target) {
        assertThatThrownBy(() -> new MonitorTarget(MonitorKind.HEARTBEAT, target))
                .hasMessageStartingWith("must be absent for heartbeat monitors");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://social.example.org:8443/api?x=1", "http://[2001:db8::1]:8080/", "http://10.0.0.7"})
    void everyAcceptedUrlFitsTheMonitorCreatedContract(String url) {
        new MonitorTarget(MonitorKind.HTTP, url);
        assertThatCode(() -> new MonitorCreated("m-1", null, "web", "http", url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example.org:5432", "10.0.0.7:1", "redis:65535", "[2001:db8::1]:6379"})
    void everyAcceptedHostPortFitsTheMonitorCreatedContract(String target) {
        new MonitorTarget(MonitorKind.TCP, target);
        assertThatCode(() -> new MonitorCreated("m-1", null, "db", "tcp", target)).doesNotThrowAnyException();
    }

    @Test
    void acceptsNoTargetForHeartbeats() {
        assertThat(new MonitorTarget(MonitorKind.HEARTBEAT, null).value()).isNull();
    }
}
