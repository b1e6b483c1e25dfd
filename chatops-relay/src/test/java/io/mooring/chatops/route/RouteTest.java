package io.mooring.chatops.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.chatops.route.RouteRules.RouteRequest;
import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACED = "mooring.provisioning.account.placed.v1";

    @Test
    void matchesOnHostAndSubjectWhenTheRouteNamesThem() throws Exception {
        Route route = route(new RouteRequest(List.of("mooring.provisioning.*"), null, "h-1", List.of("acct-*"), null,
                List.of("ops")));
        JsonNode onH1 = JSON.readTree("{\"accountId\": \"acct-1\", \"hostId\": \"h-1\"}");
        JsonNode onH2 = JSON.readTree("{\"accountId\": \"acct-1\", \"hostId\": \"h-2\"}");

        assertThat(route.matches(PLACED, "acct-1", onH1)).isTrue();
        assertThat(route.matches(PLACED, "acct-1", onH2)).as("another host").isFalse();
        assertThat(route.matches(PLACED, "host-9", onH1)).as("a subject the patterns do not match").isFalse();
        assertThat(route.matches(PLACED, null, onH1)).as("no subject").isFalse();
        assertThat(route.matches("mooring.backups.run.started.v1", "acct-1", onH1)).isFalse();
        assertThat(route(new RouteRequest(List.of("*"), null, null, List.of("acct-1"), null, List.of("ops")))
                .matches(PLACED, "acct-1", null)).as("an exact subject").isTrue();
    }

    @Test
    void refusesBadHostsAndSubjectsNamingTheField() {
        assertField(new RouteRequest(List.of("*"), null, " ", null, null, List.of("ops")), "hostId");
        assertField(new RouteRequest(List.of("*"), null, null, List.of("has space"), null, List.of("ops")), "subjects");
        assertField(new RouteRequest(List.of("*"), null, null, List.of("a".repeat(10_000)), null, List.of("ops")), "subjects");
        assertField(new RouteRequest(List.of("*"), null, null, null, null, List.of("nowhere")), "targets");
    }

    @Test
    void refusesPatternsThatMatchNoEventTypeSuggestingTheGlob() {
        assertRefused(List.of("mooring.monitoring"), "eventTypes[0]: 'mooring.monitoring' matches no event type; "
                + "did you mean mooring.monitoring.*?");
        assertRefused(List.of("*", "mooring."), "eventTypes[1]: 'mooring.' matches no event type; did you mean mooring.*?");
        assertRefused(List.of("mooring.monitoring.incident.opened"), "eventTypes[0]: 'mooring.monitoring.incident.opened'"
                + " matches no event type; did you mean mooring.monitoring.incident.opened.*?");
        assertRefused(List.of("mooring.monitoring.incident.opened.v9"), "eventTypes[0]: 'mooring.monitoring.incident."
                + "opened.v9' matches no event type of mooring.backups, mooring.monitoring, mooring.provisioning");
        assertRefused(List.of("mooring.content.*"), "eventTypes[0]: 'mooring.content.*' matches no event type of");
        assertRefused(List.of("mooring.chatops.command.issued.v1"), "eventTypes[0]: 'mooring.chatops.command.issued.v1'"
                + " matches no event type of");
    }

    @Test
    void acceptsEveryPatternThatMatchesAKnownType() {
        for (String pattern : List.of("*", "mooring.*", "mooring.monitoring.*", "mooring.monitoring.incident.*",
                "mooring.provisioning.account.*", "mooring.backups.*", "mooring.backups.run.failed.v1", "mooring.back*")) {
            assertThat(route(new RouteRequest(List.of(pattern), null, null, null, null, List.of("ops"))).eventTypes())
                    .as(pattern).containsExactly(pattern);
        }
        assertThat(RouteRules.KNOWN_TYPES).as("every type of the consumed topics, and only those")
                .contains("mooring.monitoring.incident.opened.v1", "mooring.backups.run.failed.v1",
                        "mooring.provisioning.account.ready.v1")
                .allMatch(t -> t.startsWith("mooring.monitoring.") || t.startsWith("mooring.backups.")
                        || t.startsWith("mooring.provisioning."));
    }

    private static void assertRefused(List<String> eventTypes, String message) {
        assertThatThrownBy(() -> route(new RouteRequest(eventTypes, null, null, null, null, List.of("ops"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).startsWith(message));
    }

    private static void assertField(RouteRequest request, String field) {
        assertThatThrownBy(() -> route(request)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.getMessage()).startsWith(field + ":"));
    }

    private static Route route(RouteRequest request) {
        return RouteRules.check(UUID.randomUUID(), request, Set.of("ops"), Route.API, Instant.now());
    }
}
