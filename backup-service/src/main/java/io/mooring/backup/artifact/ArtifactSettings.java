package io.mooring.backup.artifact;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** How artifacts are written and read ({@code mooring.backup.*}). */
@ConfigurationProperties("mooring.backup")
public class ArtifactSettings {
    /** S3 refuses parts below 5 MiB but the last. */
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The largest object one PutObject (and one part) may hold. */
    static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;

    private String pgDump = "pg_dump";
    private String pgRestore = "pg_restore";
    private int partSize = 16 * 1024 * 1024;
    private int partsInFlight = 2;
    private int zstdWorkers = 1;
    private Duration mirrorDeleteGrace = Duration.ofDays(7);
    private int mirrorConcurrency = 4;
    private long multipartCopyThreshold = 512L * 1024 * 1024;
    private long copyPartSize = 512L * 1024 * 1024;

    /** The {@code pg_dump} binary (Debian: {@code /usr/lib/postgresql/15/bin/pg_dump}); its major version must match the server's. */
    public String getPgDump() {
        return pgDump;
    }

    public void setPgDump(String pgDump) {
        this.pgDump = pgDump;
    }

    public String getPgRestore() {
        return pgRestore;
    }

    public void setPgRestore(String pgRestore) {
        this.pgRestore = pgRestore;
    }

    /** Bytes per multipart-upload part, at least 5 MiB. */
    public int getPartSize() {
        return partSize;
    }

    public void setPartSize(int partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("mooring.backup.part-size must be at least " + MIN_PART_SIZE + ", was " + partSize);
        }
        this.partSize = partSize;
    }

    /** Parts uploading at once while the next one fills. */
    public int getPartsInFlight() {
        return partsInFlight;
    }

    public void setPartsInFlight(int partsInFlight) {
        if (partsInFlight < 1) {
            throw new IllegalArgumentException("mooring.backup.parts-in-flight must be at least 1, was " + partsInFlight);
        }
        this.partsInFlight = partsInFlight;
    }

    /**
     * zstd's own compression threads per artifact: 0 compresses on the thread reading the source, 1 (the zstd CLI's
     * default) on a thread of zstd's while that thread goes on reading, more split the input between them.
     */
    public int getZstdWorkers() {
        return zstdWorkers;
    }

    public void setZstdWorkers(int zstdWorkers) {
        if (zstdWorkers < 0 || zstdWorkers > 16) {
            throw new IllegalArgumentException("mooring.backup.zstd-workers must be between 0 and 16, was " + zstdWorkers);
        }
        this.zstdWorkers = zstdWorkers;
    }

    /** How long an object gone from a tenant bucket stays in its mirror. */
    public Duration getMirrorDeleteGrace() {
        return mirrorDeleteGrace;
    }

    public void setMirrorDeleteGrace(Duration mirrorDeleteGrace) {
        this.mirrorDeleteGrace = mirrorDeleteGrace;
    }

    /** Objects copied at once by a bucket mirror or its restore. */
    public int getMirrorConcurrency() {
        return mirrorConcurrency;
    }

    public void setMirrorConcurrency(int mirrorConcurrency) {
        if (mirrorConcurrency < 1) {
            throw new IllegalArgumentException("mooring.backup.mirror-concurrency must be at least 1, was " + mirrorConcurrency);
        }
        this.mirrorConcurrency = mirrorConcurrency;
    }

    /** Objects larger than this are copied by a mirror or its restore in parts; at most 5 GiB (one PutObject's limit). */
    public long getMultipartCopyThreshold() {
        return multipartCopyThreshold;
    }

    public void setMultipartCopyThreshold(long multipartCopyThreshold) {
        if (multipartCopyThreshold < 0 || multipartCopyThreshold > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("mooring.backup.multipart-copy-threshold must be between 0 and "
                    + MAX_SINGLE_COPY + ", was " + multipartCopyThreshold);
        }
        this.multipartCopyThreshold = multipartCopyThreshold;
    }

    /** Bytes per part of a multipart copy (5 MiB to 5 GiB); larger when an object would need over 10,000 parts. */
    public long getCopyPartSize() {
        return copyPartSize;
    }

    public void setCopyPartSize(long copyPartSize) {
        if (copyPartSize < MIN_PART_SIZE || copyPartSize > MAX_SINGLE_COPY) {
            throw new IllegalArgumentException("mooring.backup.copy-part-size must be between " + MIN_PART_SIZE + " and "
                    + MAX_SINGLE_COPY + ", was " + copyPartSize);
        }
        this.copyPartSize = copyPartSize;
    }
}
