package io.mooring.chatops.queue;

import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.AccountReady;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class GroupingTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void monitorsGoingDownTogetherAreOneMessageWithTheCountAndTheFirstNames() {
        List<QueuedPost> queued = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queued.add(down("m-" + i, null, T0.plusMillis(i * 100L)));
        }
        List<QueuedPost> next = Grouping.next(queued, WAIT);
        assertThat(next).hasSize(12);
        assertThat(Grouping.message(next)).isEqualTo("🔴 12 monitors are DOWN: m-0, m-1, m-2 and 9 more");
    }

    @Test
    void theAccountIsNamedWhenKnownAndKeysTheGroup() {
        List<QueuedPost> queued = List.of(down("m-1", "a-1", T0), down("m-2", "a-2", T0), down("m-3", "a-1", T0));
        List<QueuedPost> next = Grouping.next(queued, WAIT);
        assertThat(next).extracting(p -> p.group().item()).containsExactly("m-1", "m-3");
        assertThat(Grouping.message(next)).isEqualTo("🔴 2 monitors of account a-1 are DOWN: m-1, m-3");
    }

    @Test
    void monitorsPausedForTheSameReasonAreOneMessageAndOtherReasonsOrCommandsAreNot() {
        List<QueuedPost> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(post(new MonitorPaused("m-" + i, "account suspended: unpaid", "account-suspended", null, "a-1", null),
                    "⏸️ Monitor m-" + i + " paused: account suspended: unpaid", T0));
        }
        QueuedPost other = post(new MonitorPaused("m-9", "account deleted", "account-deleted", null, "a-1", null),
                "⏸️ Monitor m-9 paused: account deleted", T0);
        QueuedPost asked = post(new MonitorPaused("m-8", "paused from chat", "operator", null, "a-1", "c-1"),
                "⏸️ Monitor m-8 paused: paused from chat", T0);
        QueuedPost resumed = post(new MonitorResumed("m-7", "account resumed", "a-1", null), "▶️ Monitor m-7 resumed", T0);
        queued.add(2, other);
        queued.add(3, asked);
        queued.add(resumed);
        assertThat(asked.group()).isNull();

        List<QueuedPost> next = Grouping.next(queued, WAIT);
        assertThat(next).extracting(p -> p.group().item()).containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
        assertThat(Grouping.message(next))
                .isEqualTo("⏸️ 5 monitors of account a-1 paused (account suspended: unpaid): m-0, m-1, m-2 and 2 more");
        assertThat(Grouping.next(List.of(resumed, other), WAIT)).containsExactly(resumed);
    }

    @Test
    void onlyEntriesQueuedWithinTheWaitOfTheFirstJoinIt() {
        List<QueuedPost> queued = List.of(down("m-1", null, T0), down("m-2", null, T0.plus(WAIT)),
                down("m-3", null, T0.plus(WAIT).plusMillis(1)));
        assertThat(Grouping.next(queued, WAIT)).extracting(p -> p.group().item()).containsExactly("m-1", "m-2");
    }

    @Test
    void otherStatesOtherTypesAndCommandsAreNotMixedIn() {
        QueuedPost up = post(new MonitorStateChanged("m-2", "DOWN", "UP", "HTTP 200", null), "🟢 Monitor m-2 is UP", T0);
        QueuedPost paused = post(new MonitorStateChanged("m-3", "DOWN", "PAUSED", "paused", null, "c-1"),
                "⏸️ Monitor m-3 is PAUSED", T0);
        QueuedPost ready = post(new AccountReady("a-1", "acme", "h-1", "small", "ops@acme.example"), "✅ ready", T0);
        assertThat(paused.group()).as("caused by a command: an answer, posted alone").isNull();
        assertThat(ready.group()).isNull();

        List<QueuedPost> queued = List.of(down("m-1", null, T0), up, paused, ready, down("m-4", null, T0));
        assertThat(Grouping.next(queued, WAIT)).extracting(p -> p.group().item()).containsExactly("m-1", "m-4");
        assertThat(Grouping.next(List.of(ready, down("m-1", null, T0)), WAIT)).containsExactly(ready);
    }

    @Test
    void aSingleEventKeepsItsOwnMessage() {
        QueuedPost one = down("m-1", null, T0);
        assertThat(Grouping.message(Grouping.next(List.of(one), WAIT))).isEqualTo(one.message());
    }

    @Test
    void threeOrFewerAreAllNamed() {
        List<QueuedPost> three = List.of(down("a", null, T0), down("b", null, T0), down("c", null, T0));
        assertThat(Grouping.message(three)).isEqualTo("🔴 3 monitors are DOWN: a, b, c");
    }

    @Test
    void aZeroWaitGroupsNothing() {
        List<QueuedPost> queued = List.of(down("m-1", null, T0), down("m-2", null, T0));
        assertThat(Grouping.next(queued, Duration.ZERO)).hasSize(1);
    }

    private static QueuedPost down(String monitor, String account, Instant queuedAt) {
        return post(new MonitorStateChanged(monitor, "UP", "DOWN", "HTTP 503", account),
                "🔴 Monitor " + monitor + " is DOWN (was UP): HTTP 503", queuedAt);
    }

    private static QueuedPost post(io.mooring.events.MooringEvent event, String message, Instant queuedAt) {
        return new QueuedPost(UUID.randomUUID(), "t", "s", OffsetDateTime.ofInstant(queuedAt, ZoneOffset.UTC), message, "{}",
                queuedAt, Grouping.groupOf(event, message).orElse(null));
    }
}
