package io.mooring.backup.artifact;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a bucket's mirror holds, kept as JSON beside it ({@code mirror/<account>/<bucket>.state.json}):
 * for each source key, the size and ETag of the copy, and since when the key is gone from the source.
 */
@Serdeable
record MirrorState(int format, Map<String, Entry> objects) {
    MirrorState {
        objects = objects == null ? new TreeMap<>() : new TreeMap<>(objects);
    }

    static MirrorState empty() {
        return new MirrorState(1, new TreeMap<>());
    }

    /** @param missingSince when the key was first seen gone from the source; null while it is there */
    @Serdeable
    record Entry(long size, String etag, Instant missingSince) {
        boolean sameAs(long otherSize, String otherEtag) {
            return size == otherSize && etag != null && etag.equals(otherEtag);
        }
    }
}
