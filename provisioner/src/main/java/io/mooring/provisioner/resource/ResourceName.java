package io.mooring.provisioner.resource;

import io.mooring.events.provisioning.ResourceKind;

import java.util.regex.Pattern;

/**
 * A resource's name inside its account: 1 to 40 of {@code [a-z0-9_-]}. Bucket names must also
 * start and end with a letter or digit and have no {@code _}, because they become part of an S3
 * bucket name.
 */
public record ResourceName(ResourceKind kind, String value) {
    public static final int MAX_LENGTH = 40;
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1," + MAX_LENGTH + "}");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

    public ResourceName {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("must be 1 to " + MAX_LENGTH + " lowercase letters, digits, '_' or '-'");
        }
        if (kind == ResourceKind.BUCKET && !BUCKET_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("a bucket name must start and end with a letter or digit and may not contain '_'");
        }
    }
}
