package io.mooring.chatops.delivery;

import io.mooring.chatops.ChatopsSettings;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.provisioning.AccountResumed;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformEventHandlerHistoryTest {
    private static final Instant ADDED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void anEventBeforeTheTargetWasAddedIsHistory() {
        assertThat(PlatformEventHandler.happenedBefore(at("2026-12-01T09:59:59Z"), ADDED)).isTrue();
    }

    @Test
    void anEventAtOrAfterTheTargetWasAddedIsNot() {
        assertThat(PlatformEventHandler.happenedBefore(at("2026-12-01T10:00:00Z"), ADDED)).isFalse();
        assertThat(PlatformEventHandler.happenedBefore(at("2026-12-01T10:00:01Z"), ADDED)).isFalse();
    }

    @Test
    void anEventWithoutATimeIsPosted() {
        assertThat(PlatformEventHandler.happenedBefore(new ReceivedEvent(UUID.randomUUID(), "mooring.provisioning.account.resumed.v1",
                "/mooring/provisioner", "a-1", null, Optional.of(new AccountResumed("a-1")), new byte[0], Optional.empty()), ADDED)).isFalse();
    }

    @Test
    void replayingHistoryIsAnExplicitChoice() {
        assertThat(new ChatopsSettings().isReplayHistory()).isFalse();
    }

    private static ReceivedEvent at(String time) {
        return new ReceivedEvent(UUID.randomUUID(), "mooring.provisioning.account.resumed.v1", "/mooring/provisioner", "a-1",
                OffsetDateTime.ofInstant(Instant.parse(time), ZoneOffset.UTC), Optional.of(new AccountResumed("a-1")),
                new byte[0], Optional.empty());
    }
}
