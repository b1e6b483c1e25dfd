package io.mooring.monitor.rollup;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;

/**
 * Latency histograms as the roll-ups keep them: milliseconds from 0 to one hour (longer is counted as one hour) with
 * two significant digits, so a percentile is within 1 % of the true value. Stored in HdrHistogram's compressed form,
 * which any histogram of the same kind merges with ({@link Histogram#add}).
 */
public final class LatencyHistograms {
    public static final long HIGHEST_MILLIS = 3_600_000;
    public static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistograms() {
    }

    /** A histogram with no latency in it. */
    public static Histogram empty() {
        return new Histogram(1, HIGHEST_MILLIS, SIGNIFICANT_DIGITS);
    }

    /** Counts one latency; negative ones as 0, longer than an hour as an hour. */
    public static void record(Histogram histogram, long latencyMillis) {
        histogram.recordValue(Math.max(0, Math.min(latencyMillis, HIGHEST_MILLIS)));
    }

    /** The histogram's compressed form. */
    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_SPEED);
        return Arrays.copyOf(buffer.array(), length);
    }

    /** The histogram stored as {@code encoded}. */
    public static Histogram decode(byte[] encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(encoded), HIGHEST_MILLIS);
        } catch (DataFormatException e) {
            throw new IllegalStateException("a stored latency histogram does not decode", e);
        }
    }

    /** Adds the histogram stored as {@code encoded} to {@code into}. */
    public static void addEncoded(Histogram into, byte[] encoded) {
        into.add(decode(encoded));
    }
}
