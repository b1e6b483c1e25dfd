package io.mooring.testing;

import io.mooring.events.EventCatalog;
import io.mooring.events.MooringEvent;
import io.mooring.events.ReceivedEvent;
import io.mooring.events.WireValue;
import io.mooring.events.backups.BackupPolicyCreated;
import io.mooring.events.content.StatusCreated;
import io.mooring.events.content.StatusUpdated;
import io.mooring.events.content.Visibility;
import io.mooring.events.monitoring.IncidentOpened;
import io.mooring.events.monitoring.IncidentSeverity;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.MonitorStateChanged;
import io.mooring.events.provisioning.ResourceDeleted;
import io.mooring.events.provisioning.ResourceFailed;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.provisioning.ResourceRequested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ContractSamplesTest {
    private final List<MooringEvent> samples = ContractSamples.all();

    @Test
    void coverEveryCataloguedType() {
        Set<String> sampled = samples.stream().map(e -> EventCatalog.entryOf(e.getClass()).type()).collect(Collectors.toSet());
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventCatalog.types());
    }

    @Test
    void coverEveryValueOfEveryEnumLikeField() {
        assertCovers(ResourceRequested.class, ResourceRequested::kind, WireValue.wireNames(ResourceKind.class));
        assertCovers(ResourceReady.class, ResourceReady::kind, WireValue.wireNames(ResourceKind.class));
        assertCovers(ResourceFailed.class, ResourceFailed::kind, WireValue.wireNames(ResourceKind.class));
        assertCovers(ResourceDeleted.class, ResourceDeleted::kind, WireValue.wireNames(ResourceKind.class));
        assertCovers(BackupPolicyCreated.class, e -> e.target().kind(), ContractSamples.backupTargetKinds());
        assertCovers(MonitorCreated.class, MonitorCreated::kind, WireValue.wireNames(MonitorKind.class));
        assertCovers(MonitorStateChanged.class, MonitorStateChanged::from, WireValue.wireNames(MonitorState.class));
        assertCovers(MonitorStateChanged.class, MonitorStateChanged::to, WireValue.wireNames(MonitorState.class));
        assertCovers(IncidentOpened.class, IncidentOpened::severity, WireValue.wireNames(IncidentSeverity.class));
        assertCovers(StatusCreated.class, StatusCreated::visibility, WireValue.wireNames(Visibility.class));
        assertCovers(StatusUpdated.class, StatusUpdated::visibility, WireValue.wireNames(Visibility.class));
    }

    @Test
    void decodeAsConsumersReceiveThem() {
        List<ReceivedEvent> received = ContractSamples.received(samples);
        assertThat(received).hasSameSizeAs(samples).allSatisfy(e -> assertThat(e.isKnown()).isTrue());
        assertThat(received.stream().map(e -> e.data().orElseThrow()).toList()).containsExactlyElementsOf(samples);
    }

    private <T extends MooringEvent> void assertCovers(Class<T> type, Function<T, String> field, List<String> allowed) {
        Set<String> seen = samples.stream().filter(type::isInstance).map(type::cast).map(field).collect(Collectors.toSet());
        assertThat(seen).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(allowed);
    }
}
