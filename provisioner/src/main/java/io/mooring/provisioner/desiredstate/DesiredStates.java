package io.mooring.provisioner.desiredstate;

import io.micronaut.json.JsonMapper;
import io.mooring.provisioner.isolation.SliceCalculator;
import io.mooring.provisioner.isolation.SliceUnit;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Computes a host's desired state on every read, from what lives on the host right now, so it is
 * never stale: an account that arrives, leaves, is suspended or changes plan, or a site that
 * becomes ready, changes it (and its entity tag) at once, and every account's slice is recomputed.
 */
@Singleton
public class DesiredStates {
    private final HostSnapshotReader reader;
    private final NginxSiteConfig nginx;
    private final JsonMapper json;
    private final SliceCalculator slices = new SliceCalculator();

    DesiredStates(HostSnapshotReader reader, NginxSiteConfig nginx, JsonMapper json) {
        this.reader = reader;
        this.nginx = nginx;
        this.json = json;
    }

    /** The host's desired state, or empty if there is no such host. */
    public Optional<DesiredState> of(UUID hostId) {
        return reader.read(hostId).map(this::compute);
    }

    private DesiredState compute(HostSnapshot snapshot) {
        List<SliceUnit> units = slices.slices(snapshot.memoryMb(), snapshot.tenants());
        HostSites sites = HostSites.of(snapshot.sites());
        DesiredState state = new DesiredState(snapshot.hostId(), null, units, sites.served(), sites.rejected(),
                nginx.render(snapshot.hostId(), sites.served()));
        return state.withEtag(tag(state).opaque());
    }

    EntityTag tag(DesiredState untagged) {
        try {
            return EntityTag.of(json.writeValueAsBytes(untagged));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the desired state of host " + untagged.hostId(), e);
        }
    }
}
