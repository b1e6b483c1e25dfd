package io.mooring.backup.artifact;

import io.mooring.backup.source.TableName;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passes a {@code pg_dump -Fc -Z0} archive on unchanged and counts the rows of each table in it on the way, so that
 * the manifest's counts need no second read of the database. The archive (written to a pipe) is a header, a table of
 * contents whose {@code TABLE DATA} entries name a table by dump id, then data blocks: a type byte, the dump id, and
 * length-prefixed chunks of COPY text ending with an empty chunk. COPY text has one line per row (a newline inside a
 * value is written as {@code \n}), ended by a {@code \.} line in archives of pg_dump 17 and older.
 *
 * <p>Anything it cannot read (an archive version it does not know, compressed data, a table of contents over
 * {@value #MAX_HEAD} bytes) makes it stop counting, never fails the stream: {@link #counts()} is then empty and the
 * caller counts another way.
 */
final class ArchiveRowCounter extends FilterOutputStream {
    private static final int MAX_HEAD = 32 * 1024 * 1024;
    private static final int BLOCK_DATA = 1;
    private static final int BLOCK_BLOBS = 3;
    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    /** Archive versions whose header and table of contents this reads: 1.12 (pg_dump 9.0) to 1.16 (pg_dump 17). */
    private static final int OLDEST = version(1, 12);
    private static final int NEWEST = version(1, 16);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW7 = 0x7f7f7f7f7f7f7f7fL;

    private enum State { HEAD, BLOCK_TYPE, BLOCK_ID, CHUNK_LENGTH, CHUNK, BLOB_OID, DONE, UNREADABLE }

    private State state = State.HEAD;
    private String unreadable;
    // header and table of contents, gathered until they can be read whole
    private byte[] head = new byte[64 * 1024];
    private int headLength;
    private int nextHeadAttempt = 1024;
    private int intSize;
    private final Map<Integer, TableName> tableData = new HashMap<>();
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
        } catch (Unreadable e) {
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
            } catch (Unreadable e) {
                stop(e.getMessage());
            } catch (RuntimeException e) {
                stop(e.toString());
            }
        }
        if (state != State.BLOCK_TYPE && state != State.DONE && unreadable == null) {
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
                throw new Unreadable("its table of contents is over " + MAX_HEAD + " bytes");
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
                        throw new Unreadable("unknown data block type " + type);
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
                            throw new Unreadable("negative chunk length " + intValue);
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
        int consumed = readHead(atEnd);
        if (consumed < 0) {
            // another try once it has grown by half: linear however small the writes
            nextHeadAttempt = headLength + Math.max(1024, headLength / 2);
            return;
        }
        byte[] rest = Arrays.copyOfRange(head, consumed, headLength);
        head = null;
        read(rest, 0, rest.length);
    }

    /**
     * Reads the header and table of contents from {@code head}; returns the bytes they take, or -1 if more are needed
     * (with {@code atEnd}, more cannot come: that is unreadable).
     */
    private int readHead(boolean atEnd) {
        Head h = new Head(head, headLength);
        try {
            for (byte m : MAGIC) {
                if (h.raw() != m) {
                    throw new Unreadable("not a pg_dump custom-format archive");
                }
            }
            int version = h.raw() << 16;
            version |= h.raw() << 8;
            version |= h.raw();
            if (version < OLDEST || version > (NEWEST | 0xff)) {
                throw new Unreadable("archive version " + (version >> 16) + "." + ((version >> 8) & 0xff)
                        + " is not one this reads");
            }
            intSize = h.raw();
            int offSize = h.raw();
            if (intSize < 1 || intSize > 8 || offSize < 1 || offSize > 16) {
                throw new Unreadable("integer size " + intSize + ", offset size " + offSize);
            }
            h.intSize = intSize;
            if (h.raw() != 1) {
                throw new Unreadable("not the custom format");
            }
            long compression = version >= version(1, 15) ? h.raw() : h.integer();
            if (compression != 0) {
                throw new Unreadable("its data is compressed");
            }
            for (int field = 0; field < 7; field++) {
                h.integer(); // creation time
            }
            h.string(); // database name
            h.string(); // server version
            h.string(); // pg_dump version
            long entries = h.integer();
            for (long e = 0; e < entries; e++) {
                int dumpId = (int) h.integer();
                h.integer(); // has data
                h.string(); // table oid
                h.string(); // oid
                String tag = h.string();
                String desc = h.string();
                h.integer(); // section
                h.string(); // definition
                h.string(); // drop statement
                h.string(); // copy statement
                String namespace = h.string();
                h.string(); // tablespace
                if (version >= version(1, 14)) {
                    h.string(); // table access method
                }
                if (version >= version(1, 16)) {
                    h.integer(); // relkind
                }
                h.string(); // owner
                h.string(); // "false" (no OIDs)
                while (h.string() != null) {
                    // dependencies
                }
                h.raw(); // data offset: its state, then offSize bytes
                h.skip(offSize);
                if ("TABLE DATA".equals(desc) && tag != null && namespace != null) {
                    tableData.put(dumpId, new TableName(namespace, tag));
                }
            }
            state = State.BLOCK_TYPE;
            return h.position;
        } catch (Underflow e) {
            tableData.clear();
            if (atEnd) {
                throw new Unreadable("the archive ended inside its table of contents");
            }
            return -1;
        }
    }

    /** As pg_dump's MAKE_ARCHIVE_VERSION(major, minor, 0). */
    private static int version(int major, int minor) {
        return (major << 8 | minor) << 8;
    }

    /** Reading the header and table of contents from a buffer that may end too soon. */
    private static final class Head {
        private final byte[] bytes;
        private final int length;
        private int position;
        private int intSize = 4;

        Head(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        int raw() {
            if (position >= length) {
                throw Underflow.INSTANCE;
            }
            return bytes[position++] & 0xff;
        }

        long integer() {
            boolean negative = raw() != 0;
            long value = 0;
            for (int b = 0; b < intSize; b++) {
                value |= (long) raw() << (8 * b);
            }
            return negative ? -value : value;
        }

        String string() {
            long n = integer();
            if (n < 0) {
                return null;
            }
            if (n > length - position) {
                throw Underflow.INSTANCE;
            }
            String s = new String(bytes, position, (int) n, StandardCharsets.UTF_8);
            position += (int) n;
            return s;
        }

        void skip(int n) {
            if (n > length - position) {
                throw Underflow.INSTANCE;
            }
            position += n;
        }
    }

    /** More bytes are needed. */
    private static final class Underflow extends RuntimeException {
        static final Underflow INSTANCE = new Underflow();

        private Underflow() {
            super(null, null, false, false);
        }
    }

    /** The archive is not one this can count. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }
}
