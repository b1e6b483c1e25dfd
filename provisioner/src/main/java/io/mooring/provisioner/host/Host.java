package io.mooring.provisioner.host;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A machine accounts are placed on. */
@Serdeable
@MappedEntity("host")
public record Host(@Id UUID id, String name, String datacenter, int cpuCores, long memoryMb, long diskGb,
                   @TypeDef(type = DataType.JSON) Map<String, String> labels, boolean cordoned, Instant createdAt) {
}
