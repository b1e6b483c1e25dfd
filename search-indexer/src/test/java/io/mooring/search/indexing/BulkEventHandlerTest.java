package io.mooring.search.indexing;

import io.mooring.events.EventCodec;
import io.mooring.events.EventEnvelope;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.content.AuthorUpdated;
import io.mooring.events.content.StatusCreated;
import io.mooring.runtime.consumer.BatchEventFailure;
import io.mooring.runtime.consumer.TransientEventFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of {@link BulkEventHandler#applyAfterEarlier} against the batch's bulk operations, and its failures. */
class BulkEventHandlerTest {
    private static final EventCodec CODEC = new EventCodec();
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-30T18:30:05Z");

    private final List<String> log = new ArrayList<>();
    private final ScriptedIndexer indexer = new ScriptedIndexer();

    @AfterEach
    void close() {
        indexer.close();
    }

    @Test
    void appliesAnEventAfterTheBulkOfTheEventsBeforeIt() throws Exception {
        handler(null).handle(List.of(status("1"), author("a"), status("2")));

        assertThat(log).containsExactly("bulk 1,2", "apply a");
    }

    @Test
    void appliesNothingAtOrAfterTheFirstEventNotStored() throws Exception {
        indexer.failing.put(0, "429 too many requests");

        assertThatThrownBy(() -> handler(null).handle(List.of(status("1"), author("a"), status("2"))))
                .isInstanceOfSatisfying(BatchEventFailure.class, failure -> assertThat(failure.index()).isZero());
        assertThat(log).containsExactly("bulk 1,2");
    }

    @Test
    void appliesTheEventsBeforeTheFirstFailingOperationOnly() throws Exception {
        indexer.failing.put(1, "503 unavailable");

        assertThatThrownBy(() -> handler(null).handle(List.of(status("1"), author("a"), status("2"), author("b"))))
                .isInstanceOfSatisfying(BatchEventFailure.class, failure -> assertThat(failure.index()).isEqualTo(2));
        assertThat(log).containsExactly("bulk 1,2", "apply a");
    }

    @Test
    void aFailedApplicationIsTheFirstEventNotAppliedWithTheEarlierRejectionsKept() throws Exception {
        indexer.rejected.put(0, "mapper_parsing_exception");
        TransientEventFailure down = new TransientEventFailure("OpenSearch is away");

        assertThatThrownBy(() -> handler(down).handle(List.of(status("1"), author("a"), status("2"))))
                .isInstanceOfSatisfying(BatchEventFailure.class, failure -> {
                    assertThat(failure.index()).isEqualTo(1);
                    assertThat(failure.getCause()).isSameAs(down);
                    assertThat(failure.rejected()).containsOnlyKeys(0);
                });
    }

    private BulkEventHandler handler(Exception applyFailure) {
        return new BulkEventHandler(indexer, new IndexingSettings()) {
            @Override
            protected boolean ready() {
                return true;
            }

            @Override
            protected List<BulkIndexer.Item> operations(ReceivedEvent event) {
                if (event.data().orElse(null) instanceof StatusCreated status) {
                    return List.of(new BulkIndexer.Item(BulkOperation.of(b -> b.delete(d -> d.index("statuses")
                            .id(status.statusId()))), 100));
                }
                return List.of();
            }

            @Override
            protected void applyAfterEarlier(ReceivedEvent event) throws Exception {
                if (event.data().orElse(null) instanceof AuthorUpdated author) {
                    if (applyFailure != null) {
                        throw applyFailure;
                    }
                    log.add("apply " + author.accountId());
                }
            }

            @Override
            public String name() {
                return "test";
            }

            @Override
            public Set<String> topics() {
                return Set.of("test");
            }
        };
    }

    private static ReceivedEvent status(String id) {
        return decode(new StatusCreated(id, "7", "ann", "<p>hello</p>", "en", "public", List.of(), List.of(), CREATED,
                null, "social.example", 1L, true, null, null, null));
    }

    private static ReceivedEvent author(String account) {
        return decode(new AuthorUpdated(account, "ann", false, "social.example", 2L));
    }

    private static ReceivedEvent decode(io.mooring.events.MooringEvent data) {
        return CODEC.decode(CODEC.toCloudEvent(EventEnvelope.of("mastodon-bridge", data, java.time.Clock.systemUTC())));
    }

    /** Stores nothing: answers each bulk with the outcome scripted, and logs the ids it was given. */
    private final class ScriptedIndexer extends BulkIndexer {
        final SortedMap<Integer, String> rejected = new TreeMap<>();
        final SortedMap<Integer, String> failing = new TreeMap<>();

        ScriptedIndexer() {
            super(null, new IndexingSettings());
        }

        @Override
        public Outcome index(List<Item> items) {
            log.add("bulk " + String.join(",", items.stream().map(item -> item.operation().delete().id()).toList()));
            return new Outcome(rejected, failing);
        }
    }
}
