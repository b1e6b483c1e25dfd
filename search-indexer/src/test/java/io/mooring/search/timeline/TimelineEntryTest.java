package io.mooring.search.timeline;

import io.mooring.events.Topics;
import io.mooring.events.provisioning.AccountReady;
import io.mooring.events.ReceivedEvent;
import io.mooring.testing.ContractSamples;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimelineEntryTest {

    @Test
    void carriesTheEnvelopeTheSummaryAndTheBody() {
        var event = Events.received(new AccountReady("acct-1", "acme", "h-1", "small", "ops@acme.example"));

        var entry = TimelineEntry.of(event);

        assertThat(entry.id()).isEqualTo(event.id().toString());
        assertThat(entry.type()).isEqualTo("mooring.provisioning.account.ready.v1");
        assertThat(entry.source()).isEqualTo("/mooring/test");
        assertThat(entry.subject()).isEqualTo("acct-1");
        assertThat(entry.topic()).isEqualTo(Topics.PROVISIONING);
        assertThat(entry.time()).isEqualTo(Instant.parse("2025-06-01T10:15:30.123456Z"));
        assertThat(entry.summary()).isEqualTo("account acme ready on host h-1");
        assertThat(entry.data()).containsEntry("name", "acme").containsEntry("hostId", "h-1");
        assertThat(entry.text()).contains("acme", "h-1", "small").doesNotContain("ops@acme.example");
        assertThat(entry.accountId()).isEqualTo("acct-1");
    }

    @Test
    void leavesPersonalDataOutOfEveryField() {
        var event = Events.unknown("mooring.provisioning.account.renamed.v1", "acct-8",
                "{\"accountId\":\"acct-8\",\"ownerEmail\":\"owner@acme.example\",\"contact\":{\"email\":\"x@y.example\"},"
                        + "\"note\":\"asked by jane.doe@acme.example\",\"tags\":[\"b@c.example\"]}");

        var entry = TimelineEntry.of(event);

        assertThat(entry.data()).doesNotContainKey("ownerEmail").containsEntry("note", "asked by " + PersonalData.REMOVED)
                .containsEntry("contact", Map.of())
                .containsEntry("tags", List.of(PersonalData.REMOVED));
        assertThat(entry.text()).doesNotContain("@");
        assertThat(entry.summary()).doesNotContain("@");
    }

    @Test
    void makesAnEntryOfEveryEventTheContractAllows() {
        for (ReceivedEvent event : ContractSamples.received()) {
            var entry = TimelineEntry.of(event);
            assertThat(entry.id()).isEqualTo(event.id().toString());
            assertThat(entry.summary()).as(event.type()).isNotBlank();
        }
    }

    @Test
    void keepsTheBodyOfAnUnknownType() {
        var event = Events.unknown("mooring.provisioning.account.teleported.v1", "acct-7",
                "{\"accountId\":\"acct-7\",\"planet\":\"mars\"}");

        var entry = TimelineEntry.of(event);

        assertThat(entry.topic()).isEqualTo(Topics.PROVISIONING);
        assertThat(entry.data()).containsEntry("planet", "mars");
        assertThat(entry.text()).isEqualTo("acct-7 mars");
        assertThat(entry.summary()).isEqualTo("account teleported (acct-7)");
    }

    @Test
    void refusesAnEntryWithoutItsEnvelope() {
        assertThatThrownBy(() -> new TimelineEntry(" ", "t", "s", "x", null, Instant.EPOCH, "sum", null, "", null))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> new TimelineEntry("1", "t", "s", "x", null, null, "sum", null, "", null))
                .hasMessageContaining("time");
    }
}
