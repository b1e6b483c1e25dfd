package io.mooring.search.statuses;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusDeleted;
import io.mooring.events.provisioning.AccountResumed;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusDocumentTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123Z");
    private static final EventCodec CODEC = new EventCodec();
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-30T18:30:05Z");

    @Test
    void stripsHtmlAndKeepsLineBreaksAsSpaces() {
        StatusDocument document = StatusDocument.of(received(new StatusCreated("1", "9", "tech",
                "<p>First line<br>second &amp; <em>third</em></p><p>Next</p>", "de", "unlisted", List.of(), List.of(),
                CREATED, null, "soc.ialis.me", 4L, true, null, null, null))).orElseThrow();

        assertThat(document.body().get("text")).isEqualTo("First line second & third Next");
        assertThat(document.body()).containsEntry("text_german", "First line second & third Next")
                .containsEntry("content", "<p>First line<br>second &amp; <em>third</em></p><p>Next</p>");
        assertThat(document.id()).isEqualTo("soc.ialis.me:1");
        assertThat(document.version()).isEqualTo(4L);
    }

    @Test
    void fallsBackToTheEventSourceAndTimeWithoutSourceOrVersion() {
        StatusDocument document = StatusDocument.of(received(new StatusCreated("1", "9", "tech", "hi", "xx", "public",
                List.of(), List.of(), CREATED, null))).orElseThrow();

        assertThat(document.id()).isEqualTo("/mooring/mastodon-bridge:1");
        assertThat(document.version()).isEqualTo(NOW.toEpochMilli());
        assertThat(document.body()).containsEntry("indexable", false).doesNotContainKey("text_english");
    }

    @Test
    void makesATombstoneOfADelete() {
        StatusDocument document = StatusDocument.of(received(new StatusDeleted("1", "9", "soc.ialis.me", 12L))).orElseThrow();

        assertThat(document.id()).isEqualTo("soc.ialis.me:1");
        assertThat(document.version()).isEqualTo(12L);
        assertThat(document.body()).containsEntry("deleted", true).doesNotContainKeys("text", "content", "author");
    }

    @Test
    void skipsOtherEvents() {
        assertThat(StatusDocument.of(received(new AccountResumed("acct-1")))).isEmpty();
    }

    @Test
    void picksAnAnalyzerByLanguageTag() {
        assertThat(StatusLanguages.analyzerOf("en-GB")).contains("english");
        assertThat(StatusLanguages.analyzerOf("pt-BR")).contains("brazilian");
        assertThat(StatusLanguages.analyzerOf("pt")).contains("portuguese");
        assertThat(StatusLanguages.analyzerOf("ja")).contains("cjk");
        assertThat(StatusLanguages.analyzerOf("tlh")).isEmpty();
        assertThat(StatusLanguages.analyzerOf(null)).isEmpty();
    }

    private static ReceivedEvent received(MooringEvent data) {
        return CODEC.decode(CODEC.toCloudEvent(EventEnvelope.of("mastodon-bridge", data, Clock.fixed(NOW, ZoneOffset.UTC))));
    }
}
