package io.mooring.provisioner.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.placement.Labels;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

/** What an operator sends to register a host. Memory is in MB, disk in GB. */
@Serdeable
public record RegisterHost(
        @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "must be a lowercase DNS label") String name,
        @NotBlank @Pattern(regexp = "[a-z0-9-]{1,32}", message = "must be 1-32 lowercase letters, digits or dashes") String datacenter,
        @Min(1) @Max(1024) int cpuCores,
        @Min(256) @Max(64L * 1024 * 1024) long memoryMb,
        @Min(1) @Max(1024L * 1024) long diskGb,
        @Nullable Map<String, String> labels) {

    /** This request with its labels checked (a 400 problem names a bad one) and sorted. */
    public RegisterHost checked() {
        return new RegisterHost(name, datacenter, cpuCores, memoryMb, diskGb, Labels.checked(labels, "labels"));
    }
}
