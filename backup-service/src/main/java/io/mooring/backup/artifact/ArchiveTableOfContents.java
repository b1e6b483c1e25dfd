package io.mooring.backup.artifact;

import io.mooring.backup.source.TableName;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The header and table of contents of a {@code pg_dump} custom-format archive, as far as counting rows needs them: the
 * size of its integers (a sign byte, then that many bytes, least significant first) and the table each
 * {@code TABLE DATA} entry's dump id names. Archive versions 1.12 (pg_dump 9.0) to 1.16 (pg_dump 17), uncompressed.
 *
 * @param intSize   bytes of an integer's value
 * @param tableData dump id of each {@code TABLE DATA} entry → its table
 * @param length    bytes the header and table of contents take; the data blocks follow
 */
record ArchiveTableOfContents(int intSize, Map<Integer, TableName> tableData, int length) {
    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final int OLDEST = version(1, 12);
    private static final int NEWEST = version(1, 16);

    /**
     * Reads them from the first {@code length} bytes of {@code bytes}; empty if those end before the table of contents
     * does.
     *
     * @throws UnreadableArchive if they are not a header and table of contents this reads
     */
    static Optional<ArchiveTableOfContents> read(byte[] bytes, int length) {
        Reader h = new Reader(bytes, length);
        try {
            for (byte m : MAGIC) {
                if (h.raw() != m) {
                    throw new UnreadableArchive("not a pg_dump custom-format archive");
                }
            }
            int version = h.raw() << 16;
            version |= h.raw() << 8;
            version |= h.raw();
            if (version < OLDEST || version > (NEWEST | 0xff)) {
                throw new UnreadableArchive("archive version " + (version >> 16) + "." + ((version >> 8) & 0xff)
                        + " is not one this reads");
            }
            int intSize = h.raw();
            int offSize = h.raw();
            if (intSize < 1 || intSize > 8 || offSize < 1 || offSize > 16) {
                throw new UnreadableArchive("integer size " + intSize + ", offset size " + offSize);
            }
            h.intSize = intSize;
            if (h.raw() != 1) {
                throw new UnreadableArchive("not the custom format");
            }
            long compression = version >= version(1, 15) ? h.raw() : h.integer();
            if (compression != 0) {
                throw new UnreadableArchive("its data is compressed");
            }
            for (int field = 0; field < 7; field++) {
                h.integer(); // creation time
            }
            h.string(); // database name
            h.string(); // server version
            h.string(); // pg_dump version
            Map<Integer, TableName> tableData = new HashMap<>();
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
            return Optional.of(new ArchiveTableOfContents(intSize, Map.copyOf(tableData), h.position));
        } catch (Underflow e) {
            return Optional.empty();
        }
    }

    /** As pg_dump's MAKE_ARCHIVE_VERSION(major, minor, 0). */
    private static int version(int major, int minor) {
        return (major << 8 | minor) << 8;
    }

    /** Reading from a buffer that may end too soon. */
    private static final class Reader {
        private final byte[] bytes;
        private final int length;
        private int position;
        private int intSize = 4;

        Reader(byte[] bytes, int length) {
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
}
