package io.mooring.monitor.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckTest {

    @Test
    void anHttpCheckExpects2xxOr3xxUnlessToldOtherwise() {
        Check.Http check = new Check.Http(URI.create("https://example.org/"), "GET", null, null, null, false, true, true, null);
        assertThat(check.expectedStatus()).containsExactly(new StatusRange(200, 399));
    }

    @Test
    void parsesStatusesAndRanges() {
        assertThat(StatusRange.parse("204")).isEqualTo(new StatusRange(204, 204));
        assertThat(StatusRange.parse("200-299").contains(250)).isTrue();
        assertThat(StatusRange.parse("200-299").contains(300)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2xx", "99", "600", "300-200", "200-", "200-299-300"})
    void rejectsStatusesThatAreNoStatus(String text) {
        assertThatThrownBy(() -> StatusRange.parse(text)).isInstanceOfSatisfying(InvalidSetting.class,
                e -> assertThat(e.field()).isEqualTo("expectedStatus"));
    }

    @Test
    void namesTheSettingThatCannotWork() {
        URI url = URI.create("https://example.org/");
        assertField(() -> new Check.Http(url, "POST", Map.of(), List.of(), null, false, true, true, null), "method");
        assertField(() -> new Check.Http(url, "HEAD", Map.of(), List.of(), "ok", false, true, true, null), "keyword");
        assertField(() -> new Check.Http(url, "GET", Map.of(), List.of(), null, true, true, true, null), "keywordAbsent");
        assertField(() -> new Check.Tls(new Endpoint("example.org", 443), 400), "warnDays");
        assertField(() -> new Check.Postgres(new Endpoint("db", 5432), "", "postgres", false), "user");
        assertField(() -> new Check.Dns("not a name", null), "target");
        assertField(() -> new Check.Dns("example.org", "example.net"), "expectedAddress");
    }

    @Test
    void parsesEndpointsWithIpv6Literals() {
        assertThat(Endpoint.parse("[2001:db8::1]:6379")).isEqualTo(new Endpoint("2001:db8::1", 6379));
        assertThat(Endpoint.parse("db.example.org:5432").toString()).isEqualTo("db.example.org:5432");
        assertThatThrownBy(() -> Endpoint.parse("db.example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Endpoint.parse("db:70000")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertField(Runnable check, String field) {
        assertThatThrownBy(check::run).isInstanceOfSatisfying(InvalidSetting.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
