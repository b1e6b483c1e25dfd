package io.mooring.testing;

import io.mooring.events.EventCatalog;
import io.mooring.events.EventCodec;
import io.mooring.events.MalformedEventException;
import io.mooring.events.ReceivedEvent;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The producer's side of the contract: every event a service wrote to its outbox decodes through
 * the {@code events/} records as a consumer decodes it, is of a catalogued type and goes to that
 * type's topic. Producing services call it after their tests wrote events.
 */
public final class OutboxContract {
    private OutboxContract() {
    }

    /** Checks every row of {@code mooring_outbox}; returns how many there were, or fails naming each bad row. */
    public static int assertEveryEventDecodes(Connection connection) throws SQLException {
        EventCodec codec = new EventCodec();
        List<String> failures = new ArrayList<>();
        int rows = 0;
        try (var query = connection.prepareStatement(
                "SELECT event_id, topic, event_type, source, subject, event_time, data::text FROM mooring_outbox ORDER BY seq");
             ResultSet row = query.executeQuery()) {
            while (row.next()) {
                rows++;
                String type = row.getString("event_type");
                try {
                    ReceivedEvent event = codec.decode(codec.toCloudEvent(row.getObject("event_id", UUID.class), type,
                            row.getString("source"), row.getString("subject"),
                            row.getTimestamp("event_time").toInstant().atOffset(ZoneOffset.UTC),
                            row.getString("data").getBytes(StandardCharsets.UTF_8)));
                    if (!event.isKnown()) {
                        failures.add(type + " is not in the EventCatalog");
                    } else if (!EventCatalog.entryOf(type).orElseThrow().topic().equals(row.getString("topic"))) {
                        failures.add(type + " written for topic " + row.getString("topic"));
                    }
                } catch (MalformedEventException e) {
                    failures.add(type + " " + row.getString("data") + ": " + e.getMessage());
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("events in the outbox that consumers cannot read:\n" + String.join("\n", failures));
        }
        return rows;
    }
}
