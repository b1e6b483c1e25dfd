package io.mooring.provisioner.testing;

import io.mooring.events.ReceivedEvent;
import io.mooring.events.Topics;
import io.mooring.testing.TopicReader;
import io.mooring.stack.Servers;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** Reads what the provisioner published about one aggregate. */
public final class Events {
    private Events() {
    }

    /** The events keyed by {@code subject}, once at least {@code count} arrived. */
    public static List<ReceivedEvent> about(String subject, int count) {
        try (TopicReader reader = new TopicReader(Servers.kafka().bootstrapServers(), Topics.PROVISIONING)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> of(reader.events(), subject).size() >= count);
            return of(reader.events(), subject);
        }
    }

    public static List<ReceivedEvent> of(List<ReceivedEvent> events, String subject) {
        return events.stream().filter(e -> subject.equals(e.subject())).toList();
    }

    /** {@code mooring.provisioning.account.ready.v1} → {@code account.ready}. */
    public static String shortType(ReceivedEvent event) {
        return event.type().replace("mooring.provisioning.", "").replace(".v1", "");
    }
}
