package io.mooring.monitor.status;

import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.rollup.UptimeDay;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's HTML from a snapshot, read back with jsoup as a browser would parse it. */
class StatusPageHtmlTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    private static final String HOSTILE = "web <img src=x onerror=alert(1)> \"quoted\" & 'single' </details><script>x()</script>";

    @Test
    void showsUserTextAsTextAndNeverAsMarkup() {
        UUID monitor = UUID.randomUUID();
        StatusSnapshot snapshot = snapshot(List.of(group(HOSTILE, List.of(new StatusSnapshot.Monitor(monitor, HOSTILE,
                "http", MonitorState.UP, List.of())))), List.of(new StatusSnapshot.OpenIncident(UUID.randomUUID(), monitor,
                HOSTILE + " is down", Instant.parse("2026-12-02T10:00:00Z"))));

        Document page = Jsoup.parse(new StatusPageHtml("Acme <status>").render(snapshot));

        assertThat(page.select("script, img")).isEmpty();
        assertThat(page.title()).isEqualTo("Acme <status>");
        assertThat(page.selectFirst("details.group summary .name").text()).isEqualTo(HOSTILE);
        assertThat(page.selectFirst("#monitor-" + monitor + " .name").text()).isEqualTo(HOSTILE);
        assertThat(page.selectFirst(".incident strong").text()).isEqualTo(HOSTILE + " is down");
        assertThat(page.selectFirst("#monitor-" + monitor + " .bars").attr("aria-label")).endsWith(HOSTILE);
    }

    @Test
    void drawsOneBarPerDayWithItsUptimeInTheTitle() {
        UUID monitor = UUID.randomUUID();
        List<UptimeDay> days = List.of(new UptimeDay(monitor, TODAY.minusDays(1), 1000, 998, 0, 2, 0, 0),
                new UptimeDay(monitor, TODAY, 10, 5, 0, 5, 0, 0));
        StatusSnapshot snapshot = snapshot(List.of(group("core", List.of(new StatusSnapshot.Monitor(monitor, "api",
                "tcp", MonitorState.DOWN, days)))), List.of());

        Element bars = Jsoup.parse(new StatusPageHtml("Status").render(snapshot)).selectFirst("#monitor-" + monitor + " .bars");

        assertThat(bars.children()).hasSize(PublicStatus.BAR_DAYS);
        assertThat(bars.child(0).attr("title")).isEqualTo(TODAY.minusDays(89) + ": no data");
        assertThat(bars.child(0).className()).isEqualTo("b-none");
        assertThat(bars.child(88).attr("title")).isEqualTo(TODAY.minusDays(1) + ": 99.80% (1000 checks)");
        assertThat(bars.child(88).className()).isEqualTo("b-minor");
        assertThat(bars.child(89).attr("title")).isEqualTo(TODAY + ": 50.00% (10 checks)");
        assertThat(bars.child(89).className()).isEqualTo("b-down");
    }

    @Test
    void neverRoundsADayWithAFailureUpToAHundredPercent() {
        assertThat(StatusPageHtml.percent(99.9999)).isEqualTo("99.99%");
        assertThat(StatusPageHtml.percent(100.0)).isEqualTo("100.00%");
        assertThat(StatusPageHtml.barClass(99.95)).isEqualTo("b-up");
        assertThat(StatusPageHtml.barClass(null)).isEqualTo("b-none");
    }

    @Test
    void aGroupIsItsWorstMemberAndUnknownOnlyWithoutKnownMembers() {
        assertThat(PublicState.worst(List.of(MonitorState.UP, MonitorState.DOWN, MonitorState.DEGRADED))).isEqualTo(MonitorState.DOWN);
        assertThat(PublicState.worst(List.of(MonitorState.UP, MonitorState.UNKNOWN, MonitorState.PAUSED))).isEqualTo(MonitorState.UP);
        assertThat(PublicState.worst(List.of(MonitorState.PAUSED, MonitorState.UNKNOWN))).isEqualTo(MonitorState.UNKNOWN);
        assertThat(PublicState.worst(List.of())).isEqualTo(MonitorState.UNKNOWN);
    }

    @Test
    void linksToTheGroupsOwnPagesWhenItHasMoreMonitorsThanShown() {
        UUID monitor = UUID.randomUUID();
        StatusSnapshot.Group group = new StatusSnapshot.Group(UUID.randomUUID(), "big", null, 120,
                Map.of(MonitorState.UP, 120), List.of(new StatusSnapshot.Monitor(monitor, "m", "tcp", MonitorState.UP, List.of())), 3);

        Document page = Jsoup.parse(new StatusPageHtml("Status").render(snapshot(List.of(group), List.of())));

        assertThat(page.selectFirst("p.more a").attr("href")).isEqualTo("/status?group=" + group.id() + "&page=1");
        assertThat(page.selectFirst("p.more a").text()).isEqualTo("All 120 monitors");
    }

    private static StatusSnapshot.Group group(String name, List<StatusSnapshot.Monitor> monitors) {
        return new StatusSnapshot.Group(UUID.randomUUID(), name, name, monitors.size(),
                Map.of(MonitorState.UP, monitors.size()), monitors, 1);
    }

    private static StatusSnapshot snapshot(List<StatusSnapshot.Group> groups, List<StatusSnapshot.OpenIncident> incidents) {
        return new StatusSnapshot(Instant.parse("2026-12-02T11:00:00Z"), TODAY.minusDays(89), TODAY, groups, incidents,
                List.of(), 1, 1, null);
    }
}
