package io.mooring.events.backups;

import io.mooring.events.Require;
import io.mooring.events.WireValue;
import io.mooring.events.provisioning.ResourceKind;

/**
 * What a backup policy copies: one resource of the account, the account's Redis keys, or the whole account.
 *
 * @param kind {@value #ACCOUNT} (every resource of the account) or the wire name of a {@link ResourceKind}
 * @param name the resource's name on its server: the database or bucket name (as in the endpoint of
 *             {@code ResourceReady}); the account id for {@code redis-namespace} (the account's keys share
 *             the prefix {@code acct:<id>:}); the account's name for {@value #ACCOUNT}
 */
public record BackupTarget(String kind, String name) {
    public static final String ACCOUNT = "account";

    public BackupTarget {
        if (!ACCOUNT.equals(kind)) {
            WireValue.parse(ResourceKind.class, kind, "target.kind");
        }
        Require.text(name, "target.name");
    }
}
