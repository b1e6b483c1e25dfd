package io.mooring.provisioner.resource;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(5);

    private static Resource requested() {
        return new Resource(UUID.randomUUID(), UUID.randomUUID(), "site", "www", Resource.State.REQUESTED,
                Map.of("domain", "shop.example.org", "upstream", "http://127.0.0.1:3000"), null, null, T0, T0);
    }

    @Test
    void goesThroughProvisioningToReadyKeepingItsSpec() {
        Resource ready = requested().provisioning(T1).ready("https://shop.example.org", Map.of("extra", "1"), T1);
        assertThat(ready.state()).isEqualTo(Resource.State.READY);
        assertThat(ready.endpoint()).isEqualTo("https://shop.example.org");
        assertThat(ready.spec()).containsEntry("domain", "shop.example.org").containsEntry("extra", "1");
        assertThat(ready.updatedAt()).isEqualTo(T1);
    }

    @Test
    void failsWithItsReasonAndCanThenBeDeleted() {
        Resource failed = requested().provisioning(T1).failed("role exists", T1);
        assertThat(failed.error()).isEqualTo("role exists");
        Resource deleted = failed.deleting(T1).deleted(T1);
        assertThat(deleted.state()).isEqualTo(Resource.State.DELETED);
        assertThat(deleted.error()).isNull();
    }

    @Test
    void refusesTransitionsOutOfOrder() {
        Resource ready = requested().ready("https://shop.example.org", Map.of(), T1);
        assertThatThrownBy(() -> ready.failed("late", T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ready.deleted(T1)).isInstanceOf(IllegalStateException.class);
        Resource deleted = ready.deleting(T1).deleted(T1);
        assertThatThrownBy(() -> deleted.deleting(T1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> deleted.provisioning(T1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keepsAFailedDeletionDeletingWithTheReason() {
        Resource stuck = requested().ready("https://shop.example.org", Map.of(), T1).deleting(T1).deletionFailed("denied", T1);
        assertThat(stuck.state()).isEqualTo(Resource.State.DELETING);
        assertThat(stuck.error()).isEqualTo("denied");
    }

    @Test
    void rejectsAnUnknownKind() {
        assertThatThrownBy(() -> new Resource(UUID.randomUUID(), UUID.randomUUID(), "queue", "q", Resource.State.REQUESTED,
                Map.of(), null, null, T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
