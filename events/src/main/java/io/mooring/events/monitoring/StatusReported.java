package io.mooring.events.monitoring;

import io.mooring.events.EventType;
import io.mooring.events.MooringEvent;
import io.mooring.events.Require;
import io.mooring.events.Topics;
import io.mooring.events.WireValue;
import io.mooring.events.chatops.CommandAnswer;

import java.util.List;

/**
 * The monitor service's answer to the chat command {@code status.show}: the overall state of the platform's
 * monitors when the command was applied.
 *
 * @param target        the command's target, as issued (also the subject), e.g. {@code platform}
 * @param overall       the wire name of a {@link MonitorState}: {@code DOWN} when a monitor is down,
 *                      else {@code DEGRADED} when one is degraded, else {@code UP}
 * @param up            monitors up
 * @param degraded      monitors degraded
 * @param down          monitors down
 * @param paused        monitors paused
 * @param openIncidents titles of the open incidents, oldest first, at most {@link #MAX_TITLES}
 * @param openIncidentCount every open incident, also those beyond the titles listed
 */
@EventType(value = "mooring.monitoring.status.reported.v1", topic = Topics.MONITORING)
public record StatusReported(String commandId, String target, String overall, long up, long degraded, long down,
                             long paused, List<String> openIncidents, long openIncidentCount)
        implements MooringEvent, CommandAnswer {

    /** The most incident titles one report lists. */
    public static final int MAX_TITLES = 20;

    public StatusReported {
        Require.text(commandId, "commandId");
        Require.text(target, "target");
        MonitorState state = WireValue.parse(MonitorState.class, overall, "overall");
        if (state != MonitorState.UP && state != MonitorState.DEGRADED && state != MonitorState.DOWN) {
            throw new IllegalArgumentException("overall must be one of UP, DEGRADED, DOWN, was '" + overall + "'");
        }
        Require.notNegative(up, "up");
        Require.notNegative(degraded, "degraded");
        Require.notNegative(down, "down");
        Require.notNegative(paused, "paused");
        openIncidents = Require.texts(openIncidents, "openIncidents");
        if (openIncidents.size() > MAX_TITLES) {
            throw new IllegalArgumentException("openIncidents must hold at most " + MAX_TITLES + " titles, held "
                    + openIncidents.size());
        }
        Require.notNegative(openIncidentCount, "openIncidentCount");
        if (openIncidentCount < openIncidents.size()) {
            throw new IllegalArgumentException("openIncidentCount must be at least the titles listed ("
                    + openIncidents.size() + "), was " + openIncidentCount);
        }
    }

    @Override
    public String subject() {
        return target;
    }
}
