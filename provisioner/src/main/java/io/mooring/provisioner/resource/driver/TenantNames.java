package io.mooring.provisioner.resource.driver;

import java.util.UUID;

/**
 * Names of an account's objects on shared servers. They embed a short account id: the last 12 hex
 * digits of the account's UUIDv7, which are random (48 bits; within one millisecond the generator
 * counts up, so they differ there too). With a 40-character resource name the longest role name is
 * 58 characters, below PostgreSQL's 63 and S3's 63.
 */
public final class TenantNames {
    private TenantNames() {
    }

    public static String shortId(UUID accountId) {
        String hex = accountId.toString().replace("-", "");
        return hex.substring(hex.length() - 12);
    }

    /** A PostgreSQL role and database, or a Redis user: {@code acct_<short id>_<name>}. */
    public static String user(UUID accountId, String name) {
        return "acct_" + shortId(accountId) + "_" + name;
    }

    /** An S3 bucket: {@code acct-<short id>-<name>}; the name has no {@code _} (see {@code ResourceName}). */
    public static String bucket(UUID accountId, String name) {
        return "acct-" + shortId(accountId) + "-" + name;
    }

    /** The Redis key and channel prefix of an account: {@code acct:<account id>:}. */
    public static String redisPrefix(UUID accountId) {
        return "acct:" + accountId + ":";
    }
}
