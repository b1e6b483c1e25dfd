package io.mooring.backup.artifact;

import io.mooring.backup.source.TableName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archives written as pg_dump 9.0 to 17 lay them out (versions 1.12 to 1.16); {@code ArchiveRowCounterIT} reads real
 * ones of the stack's pg_dump 15.
 */
class ArchiveRowCounterTest {
    private static final TableName ACCOUNTS = new TableName("public", "accounts");
    private static final TableName EMPTY = new TableName("shop", "empty");

    @ParameterizedTest
    @ValueSource(ints = {12, 13, 14, 15, 16})
    void readsEveryArchiveVersionFromPgDump9To17(int minor) throws IOException {
        ArchiveRowCounter counter = counted(archive(minor, 0, "1\talice\n2\tbob\n\\.\n\n\n"));

        assertThat(counter.counts()).contains(Map.of(ACCOUNTS, 2L, EMPTY, 0L));
    }

    @Test
    void countsEveryLineWhenTheDataHasNoClosingLine() throws IOException {
        // COPY data as a pg_dump that leaves out the closing line would write it; the second row is an empty string
        ArchiveRowCounter counter = counted(archive(16, 0, "x\n\n"));

        assertThat(counter.counts()).contains(Map.of(ACCOUNTS, 2L, EMPTY, 0L));
    }

    @Test
    void givesUpOnAVersionItDoesNotKnowOrCompressedData() throws IOException {
        ArchiveRowCounter newer = counted(archive(17, 0, "1\n\\.\n\n\n"));
        ArchiveRowCounter compressed = counted(archive(15, 1, "1\n\\.\n\n\n"));

        assertThat(newer.counts()).isEmpty();
        assertThat(newer.unreadable()).contains("1.17");
        assertThat(compressed.counts()).isEmpty();
        assertThat(compressed.unreadable()).contains("compressed");
    }

    private static ArchiveRowCounter counted(byte[] archive) throws IOException {
        ArchiveRowCounter counter = new ArchiveRowCounter(OutputStream.nullOutputStream());
        for (byte b : archive) {
            counter.write(b);
        }
        return counter;
    }

    /** An archive of {@code accounts} holding {@code rows} (one chunk per line), an empty table and a large object. */
    private static byte[] archive(int minor, int compression, String rows) {
        Archive a = new Archive(minor);
        a.bytes("PGDMP".getBytes(StandardCharsets.US_ASCII));
        a.raw(1).raw(minor).raw(0).raw(4).raw(8).raw(1);
        if (minor >= 15) {
            a.raw(compression);
        } else {
            a.integer(compression);
        }
        for (int field = 0; field < 7; field++) {
            a.integer(field);
        }
        a.string("db").string("15.20").string("15.20");
        a.integer(4);
        a.entry(1, "ENCODING", "ENCODING", null);
        a.entry(2, "accounts", "TABLE DATA", "public");
        a.entry(3, "empty", "TABLE DATA", "shop");
        a.entry(4, "BLOBS", "BLOBS", null);
        a.raw(1).integer(2);
        rows.lines().forEach(line -> a.integer(line.length() + 1).bytes((line + "\n").getBytes(StandardCharsets.UTF_8)));
        a.integer(0);
        a.raw(3).integer(4).integer(16400).integer(5).bytes("hello".getBytes(StandardCharsets.UTF_8)).integer(0).integer(0);
        a.raw(1).integer(3);
        if (rows.endsWith("\\.\n\n\n")) {
            a.integer(5).bytes("\\.\n\n\n".getBytes(StandardCharsets.UTF_8));
        }
        a.integer(0);
        return a.out.toByteArray();
    }

    private static final class Archive {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int minor;

        Archive(int minor) {
            this.minor = minor;
        }

        Archive raw(int b) {
            out.write(b);
            return this;
        }

        Archive bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Archive integer(long value) {
            raw(value < 0 ? 1 : 0);
            long v = Math.abs(value);
            for (int b = 0; b < 4; b++) {
                raw((int) (v >> (8 * b)) & 0xff);
            }
            return this;
        }

        Archive string(String s) {
            if (s == null) {
                return integer(-1);
            }
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return integer(bytes.length).bytes(bytes);
        }

        void entry(int dumpId, String tag, String desc, String namespace) {
            integer(dumpId).integer(1).string("1259").string("16384").string(tag).string(desc).integer(3)
                    .string("").string("").string(null).string(namespace).string("");
            if (minor >= 14) {
                string("heap");
            }
            if (minor >= 16) {
                integer('r');
            }
            string("owner").string("false").string("1").string(null);
            raw(1);
            for (int b = 0; b < 8; b++) {
                raw(0);
            }
        }
    }
}
