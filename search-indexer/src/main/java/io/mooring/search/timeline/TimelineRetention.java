package io.mooring.search.timeline;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.search.index.TimeSeriesIndex;
import io.mooring.search.opensearch.OpenSearchFailures;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes the timeline's monthly indices whose whole month is older than
 * {@code mooring.search.timeline.retention}, every {@code retention-check}. Indices of the alias
 * that are not monthly (an {@code ops-events-v1} of an earlier version) are left alone. Several
 * replicas may run it: deleting an index twice is harmless.
 */
@Singleton
public class TimelineRetention {
    private static final Logger LOG = LoggerFactory.getLogger(TimelineRetention.class);

    private final OpenSearchClient client;
    private final TimeSeriesIndex index;
    private final TimelineSettings settings;
    private final TimelineStore store;
    private final Clock clock;

    public TimelineRetention(OpenSearchClient client, @Named(TimelineIndex.NAME) TimeSeriesIndex index,
                             TimelineSettings settings, TimelineStore store) {
        this.client = client;
        this.index = index;
        this.settings = settings;
        this.store = store;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(fixedDelay = "${mooring.search.timeline.retention-check:1h}", initialDelay = "1m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (Exception e) {
            LOG.warn("cannot apply the timeline retention now, next time: {}", OpenSearchFailures.describe(e));
        }
    }

    /** Deletes the expired monthly indices; answers their names. */
    public List<String> deleteExpired() throws IOException {
        Instant horizon = clock.instant().minus(settings.getRetention());
        List<String> expired = new ArrayList<>();
        for (String name : client.indices().get(g -> g.index(index.pattern()).allowNoIndices(true)).result().keySet()) {
            index.monthOf(name).filter(month -> endOf(month).isBefore(horizon)).ifPresent(month -> expired.add(name));
        }
        for (String name : expired) {
            client.indices().delete(d -> d.index(name).ignoreUnavailable(true));
            store.forgetMonth(name);
            LOG.info("deleted timeline index {}: older than {}", name, settings.getRetention());
        }
        return expired;
    }

    /** Whether an event of this time is still within the retention. */
    boolean retained(Instant time) {
        return !time.isBefore(clock.instant().minus(settings.getRetention()));
    }

    private static Instant endOf(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
