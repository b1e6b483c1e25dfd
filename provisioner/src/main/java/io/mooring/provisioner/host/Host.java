package io.mooring.provisioner.host;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A machine accounts are placed on. A cordoned host takes no new accounts; a draining one is
 * cordoned and is giving its accounts away.
 */
@Serdeable
@MappedEntity("host")
public record Host(@Id UUID id, String name, String datacenter, int cpuCores, long memoryMb, long diskGb,
                   @TypeDef(type = DataType.JSON) Map<String, String> labels, boolean cordoned, boolean draining,
                   Instant createdAt) {

    public Host withCordon(boolean cordoned) {
        return new Host(id, name, datacenter, cpuCores, memoryMb, diskGb, labels, cordoned, draining, createdAt);
    }

    /** Starts (true) or ends (false) a drain; a host starting to drain is cordoned too. */
    public Host withDraining(boolean draining) {
        return new Host(id, name, datacenter, cpuCores, memoryMb, diskGb, labels, cordoned || draining, draining, createdAt);
    }
}
