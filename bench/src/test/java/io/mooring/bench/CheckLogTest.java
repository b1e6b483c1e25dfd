package io.mooring.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CheckLogTest {
    private static final long INTERVAL = 30_000;

    @Test
    void lagIsFromEachSlotToItsFirstRequest() {
        CheckLog log = new CheckLog(INTERVAL, 2);
        log.place(0, 1_000);
        log.place(1, 20_000);
        // window [0, 60 s): monitor 0 due at 1 s and 31 s, monitor 1 at 20 s and 50 s
        log.request(0, 1_120);
        log.request(0, 31_040);
        log.request(1, 20_300);
        log.request(1, 50_800);

        CheckLog.Verdict v = log.judge(0, 60_000, 2);

        assertThat(v.slots()).isEqualTo(4);
        assertThat(v.missed()).isZero();
        assertThat(v.doubled()).isZero();
        assertThat(v.lag().getTotalCount()).isEqualTo(4);
        assertThat(v.lag().getMaxValue()).isBetween(799L, 801L);
        assertThat(v.lag().getMinValue()).isEqualTo(40);
    }

    @Test
    void aSlotWithNoRequestBeforeTheNextSlotIsMissedAndASecondRequestDoubled() {
        CheckLog log = new CheckLog(INTERVAL, 1);
        log.place(0, 1_000);
        log.request(0, 1_010);
        log.request(0, 1_500); // doubled
        log.request(0, 61_200); // for the slot at 61 s; the one at 31 s is missed

        CheckLog.Verdict v = log.judge(0, 90_000, 1);

        assertThat(v.slots()).isEqualTo(3);
        assertThat(v.missed()).isEqualTo(1);
        assertThat(v.doubled()).isEqualTo(1);
        assertThat(v.checked()).isEqualTo(2);
    }

    @Test
    void theLogsMillisecondRoundingCountsForTheSlotWithNoLag() {
        CheckLog log = new CheckLog(INTERVAL, 1);
        log.place(0, 1_000);
        log.request(0, 998);

        CheckLog.Verdict v = log.judge(0, 30_000, 1);

        assertThat(v.missed()).isZero();
        assertThat(v.lag().getMaxValue()).isZero();
    }

    @Test
    void unplacedMonitorsAndMonitorsBeyondTheSizeAreNotJudged() {
        CheckLog log = new CheckLog(INTERVAL, 3);
        log.place(0, 0);
        log.place(2, 0);
        log.request(0, 10);

        CheckLog.Verdict v = log.judge(0, 30_000, 2);

        assertThat(v.slots()).isEqualTo(1);
        assertThat(v.missed()).isZero();
    }

    @Test
    void forgottenRequestsCountForNoSlot() {
        CheckLog log = new CheckLog(INTERVAL, 1);
        log.place(0, 0);
        log.request(0, 30_100);
        log.forgetBefore(40_000);

        assertThat(log.judge(30_000, 60_000, 1).missed()).isEqualTo(1);
    }

    @Test
    void anAccessLogLineIsStartedAtItsEndLessItsRequestTime() {
        CheckLog log = new CheckLog(INTERVAL, 8);
        log.place(7, 1_000);

        long start = MonitorBench.AccessLog.parse("3.012 2.011 200 /slow/7", log);

        assertThat(start).isEqualTo(1_001);
        assertThat(MonitorBench.AccessLog.parse("3.0 0.0 404 /favicon.ico", log)).isEqualTo(-1);
        assertThat(log.judge(0, 30_000, 8).lag().getMaxValue()).isEqualTo(1);
    }
}
