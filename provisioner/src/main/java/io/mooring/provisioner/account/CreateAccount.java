package io.mooring.provisioner.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.placement.Labels;
import io.mooring.provisioner.placement.PlacementConstraints;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * What an operator sends to create an account.
 *
 * @param placement optional constraints: a datacenter and labels the host must carry
 */
@Serdeable
public record CreateAccount(
        @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?", message = "must be a lowercase DNS label of at most 32 characters") String name,
        @NotBlank String plan,
        @NotBlank @Email @Size(max = 254) String ownerEmail,
        @Nullable @Valid Constraints placement) {

    /** Placement constraints as sent. */
    @Serdeable
    public record Constraints(
            @Nullable @Pattern(regexp = "[a-z0-9-]{1,32}", message = "must be 1-32 lowercase letters, digits or dashes") String datacenter,
            @Nullable Map<String, String> labels) {
    }

    /** This request with its labels checked (a 400 problem names a bad one) and sorted. */
    public CreateAccount checked() {
        return placement == null ? this : new CreateAccount(name, plan, ownerEmail,
                new Constraints(placement.datacenter(), Labels.checked(placement.labels(), "placement.labels")));
    }

    public PlacementConstraints constraints() {
        return placement == null ? PlacementConstraints.NONE : new PlacementConstraints(placement.datacenter(), placement.labels());
    }
}
