package io.mooring.backup.artifact;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis commands in RESP, the protocol {@code redis-cli --pipe} replays: each an array of bulk
 * strings ({@code *N\r\n} then N times {@code $len\r\n<bytes>\r\n}).
 */
final class RespCommands {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_ARGUMENTS = 16;
    /** Redis's own limit on a bulk string (proto-max-bulk-len). */
    private static final long MAX_BULK = 512L * 1024 * 1024;

    private RespCommands() {
    }

    /** {@code RESTORE key ttl payload REPLACE}; ttl in milliseconds, 0 for no expiry. */
    static void writeRestore(OutputStream out, byte[] key, long ttlMillis, byte[] payload) throws IOException {
        write(out, List.of("RESTORE".getBytes(StandardCharsets.US_ASCII), key,
                Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII), payload,
                "REPLACE".getBytes(StandardCharsets.US_ASCII)));
    }

    static void write(OutputStream out, List<byte[]> arguments) throws IOException {
        out.write(('*' + Integer.toString(arguments.size())).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        for (byte[] argument : arguments) {
            out.write(('$' + Integer.toString(argument.length)).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(argument);
            out.write(CRLF);
        }
    }

    /** The next command of {@code in}, or null at its end; an {@link IOException} on anything but RESP arrays of bulk strings. */
    static List<byte[]> read(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        if (first != '*') {
            throw new IOException("not a RESP command stream: expected '*', read byte " + first);
        }
        long count = number(in);
        if (count < 1 || count > MAX_ARGUMENTS) {
            throw new IOException("a command of " + count + " arguments is not one this stream holds");
        }
        List<byte[]> arguments = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            if (in.read() != '$') {
                throw new IOException("not a RESP bulk string in argument " + (i + 1));
            }
            long length = number(in);
            if (length < 0 || length > MAX_BULK) {
                throw new IOException("bulk string of " + length + " bytes");
            }
            byte[] argument = in.readNBytes((int) length);
            if (argument.length != length || in.read() != '\r' || in.read() != '\n') {
                throw new EOFException("RESP stream ends inside a command");
            }
            arguments.add(argument);
        }
        return arguments;
    }

    private static long number(InputStream in) throws IOException {
        long value = 0;
        int digits = 0;
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < '0' || c > '9' || ++digits > 12) {
                throw new IOException("not a RESP length");
            }
            value = value * 10 + (c - '0');
        }
        if (digits == 0 || in.read() != '\n') {
            throw new IOException("not a RESP length");
        }
        return value;
    }
}
