package io.mooring.events.backups;

import io.mooring.events.Require;
import io.mooring.events.WireValue;
import io.mooring.events.provisioning.ResourceKind;

/**
 * What a backup policy copies: one resource of the account.
 *
 * @param kind the wire name of a {@link ResourceKind}
 * @param name the resource's name, as in {@code ResourceRequested.name}
 */
public record BackupTarget(String kind, String name) {

    public BackupTarget {
        WireValue.parse(ResourceKind.class, kind, "target.kind");
        Require.text(name, "target.name");
    }
}
