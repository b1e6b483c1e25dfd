package io.mooring.backup.artifact;

import io.mooring.backup.source.TableName;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passes a {@code pg_dump -Fc -Z0} archive on unchanged and counts the rows of each table in it on the way, so that
 * the manifest's counts need no second read of the database. The archive (written to a pipe) is a header, a table of
 * contents whose {@code TABLE DATA} entries name a table by dump id, then data blocks: a type byte, the dump id, and
 * length-prefixed chunks of COPY text ending with an empty chunk. COPY text has one line per row (a newline inside a
 * value is written as {@code \n}), ended by a {@code \.} line and two empty ones in pg_dump 15's archives (data
 * without that line is counted as well).
 *
 * <p>Anything it cannot read (an archive version {@link ArchiveTableOfContents} does not know, compressed data, a
 * table of contents over {@value #MAX_HEAD} bytes) makes it stop counting, never fails the stream: {@link #counts()}
 * is then empty and the caller counts another way.
 */
final class ArchiveRowCounter extends FilterOutputStream {
    private static final int MAX_HEAD = 8 * 1024 * 1024;
    private static final int BLOCK_DATA = 1;
    private static final int BLOCK_BLOBS = 3;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    private enum State { HEAD, BLOCK_TYPE, BLOCK_ID, CHUNK_LENGTH, CHUNK, BLOB_OID, UNREADABLE }

    private State state = State.HEAD;
    private String unreadable;
    // header and table of contents, gathered until they can be read whole
    private byte[] head = new byte[64 * 1024];
    private int headLength;
    private int nextHeadAttempt = 1024;
    private int intSize;
    private Map<Integer, TableName> tableData = Map.of();
    private final Map<TableName, Long> rows = new HashMap<>();
    // the data block being read
    private boolean blobs;
    private TableName table;
    private long blockNewlines;
    private long blockBytes;
    /** The block's last bytes, to find its {@code \.} line. */
    private final byte[] tail = new byte[8];
    private long chunkLeft;
    // an integer being read: a sign byte, then intSize bytes, least significant first
    private int intRead = -1;
    private boolean intNegative;
    private long intValue;

    ArchiveRowCounter(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        try {
            read(b, off, len);
        } catch (UnreadableArchive e) {
            stop(e.getMessage());
        } catch (RuntimeException e) {
            stop(e.toString());
        }
    }

    /**
     * Rows per table ({@code TABLE DATA} entries), once the whole archive went past and could be read; empty when it
     * could not (see {@link #unreadable()}).
     */
    Optional<Map<TableName, Long>> counts() {
        if (state == State.HEAD && unreadable == null) {
            try {
                readHeadThenData(true);
            } catch (UnreadableArchive e) {
                stop(e.getMessage());
            } catch (RuntimeException e) {
                stop(e.toString());
            }
        }
        if (state != State.BLOCK_TYPE && unreadable == null) {
            stop("the archive ended inside " + (state == State.HEAD ? "its table of contents" : "a data block"));
        }
        if (unreadable != null) {
            return Optional.empty();
        }
        Map<TableName, Long> counts = new HashMap<>(rows);
        tableData.values().forEach(t -> counts.putIfAbsent(t, 0L));
        return Optional.of(counts);
    }

    /** Why the rows could not be counted, or null. */
    String unreadable() {
        return unreadable;
    }

    private void stop(String reason) {
        unreadable = reason;
        state = State.UNREADABLE;
        head = null;
    }

    private void read(byte[] b, int off, int len) {
        int end = off + len;
        int i = off;
        if (state == State.HEAD) {
            if (headLength + len > MAX_HEAD) {
                throw new UnreadableArchive("its table of contents is over " + MAX_HEAD + " bytes");
            }
            if (headLength + len > head.length) {
                head = Arrays.copyOf(head, Math.max(headLength + len, head.length * 2));
            }
            System.arraycopy(b, off, head, headLength, len);
            headLength += len;
            if (headLength >= nextHeadAttempt) {
                readHeadThenData(false);
            }
            return;
        }
        while (i < end) {
            switch (state) {
                case BLOCK_TYPE -> {
                    int type = b[i++];
                    if (type != BLOCK_DATA && type != BLOCK_BLOBS) {
                        throw new UnreadableArchive("unknown data block type " + type);
                    }
                    blobs = type == BLOCK_BLOBS;
                    state = State.BLOCK_ID;
                }
                case BLOCK_ID -> {
                    i = readInt(b, i, end);
                    if (intRead < 0) {
                        table = blobs ? null : tableData.get((int) intValue);
                        blockNewlines = 0;
                        blockBytes = 0;
                        state = blobs ? State.BLOB_OID : State.CHUNK_LENGTH;
                    }
                }
                case BLOB_OID -> {
                    i = readInt(b, i, end);
                    if (intRead < 0) {
                        state = intValue == 0 ? State.BLOCK_TYPE : State.CHUNK_LENGTH;
                    }
                }
                case CHUNK_LENGTH -> {
                    i = readInt(b, i, end);
                    if (intRead < 0) {
                        if (intValue < 0) {
                            throw new UnreadableArchive("negative chunk length " + intValue);
                        } else if (intValue > 0) {
                            chunkLeft = intValue;
                            state = State.CHUNK;
                        } else if (blobs) {
                            state = State.BLOB_OID;
                        } else {
                            endTableBlock();
                            state = State.BLOCK_TYPE;
                        }
                    }
                }
                case CHUNK -> {
                    int n = (int) Math.min(chunkLeft, end - i);
                    if (table != null) {
                        countLines(b, i, n);
                    }
                    i += n;
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        state = State.CHUNK_LENGTH;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** Reads an integer across writes; {@code intRead} is -1 once it is whole, in {@code intValue}. */
    private int readInt(byte[] b, int i, int end) {
        if (intRead < 0) {
            intRead = 0;
            intValue = 0;
        }
        while (i < end && intRead <= intSize) {
            int v = b[i++] & 0xff;
            if (intRead == 0) {
                intNegative = v != 0;
            } else {
                intValue |= (long) v << (8 * (intRead - 1));
            }
            intRead++;
        }
        if (intRead > intSize) {
            intRead = -1;
            if (intNegative) {
                intValue = -intValue;
            }
        }
        return i;
    }

    /** Counts newline bytes eight at a time (a zero byte of {@code x ^ 0x0a..} is a newline) and keeps the tail. */
    private void countLines(byte[] b, int off, int len) {
        long count = 0;
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            count += Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                count++;
            }
        }
        blockNewlines += count;
        blockBytes += len;
        int keep = Math.min(len, tail.length);
        System.arraycopy(tail, keep, tail, 0, tail.length - keep);
        System.arraycopy(b, end - keep, tail, tail.length - keep, keep);
    }

    /**
     * A table's block is over: its rows are its lines, less a closing {@code \.} line and the empty lines after it (a
     * row is never {@code \.}: a backslash in a value is written {@code \\}).
     */
    private void endTableBlock() {
        if (table == null) {
            return;
        }
        long lines = blockNewlines;
        int kept = (int) Math.min(blockBytes, tail.length);
        int trailing = 0;
        while (trailing < kept && tail[tail.length - 1 - trailing] == '\n') {
            trailing++;
        }
        int dot = tail.length - 1 - trailing;
        if (trailing > 0 && trailing + 2 <= kept && tail[dot] == '.' && tail[dot - 1] == '\\'
                && (trailing + 2 == blockBytes || (trailing + 3 <= kept && tail[dot - 2] == '\n'))) {
            lines -= trailing;
        }
        rows.merge(table, lines, Long::sum);
        table = null;
    }

    /** Reads the header and table of contents if {@code head} holds them whole, then the data after them. */
    private void readHeadThenData(boolean atEnd) {
        Optional<ArchiveTableOfContents> contents = ArchiveTableOfContents.read(head, headLength);
        if (contents.isEmpty()) {
            if (atEnd) {
                throw new UnreadableArchive("the archive ended inside its table of contents");
            }
            // another try once it has grown by half: linear however small the writes
            nextHeadAttempt = headLength + Math.max(1024, headLength / 2);
            return;
        }
        intSize = contents.get().intSize();
        tableData = contents.get().tableData();
        state = State.BLOCK_TYPE;
        byte[] rest = Arrays.copyOfRange(head, contents.get().length(), headLength);
        head = null;
        read(rest, 0, rest.length);
    }
}
