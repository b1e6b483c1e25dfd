package io.mooring.monitor.probe;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The probes that speak over one socket: TCP connect, TLS certificate, the PostgreSQL start-up and
 * Redis {@code PING}. Every read and the connect are bounded by what is left of the timeout.
 */
final class SocketProbes {
    private static final int PG_PROTOCOL_3 = 196_608;
    private static final int PG_SSL_REQUEST = 80_877_103;

    private final ProbeTls tls;
    private final Clock clock;

    SocketProbes(ProbeTls tls, Clock clock) {
        this.tls = tls;
        this.clock = clock;
    }

    ProbeResult tcp(Check.Tcp check, Duration timeout) {
        long started = System.nanoTime();
        try (Socket socket = connect(check.endpoint(), timeout)) {
            Duration latency = since(started);
            return ProbeResult.up(latency, "connected to " + check.endpoint() + " in " + latency.toMillis() + " ms");
        } catch (IOException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        }
    }

    ProbeResult tls(Check.Tls check, Duration timeout) {
        long started = System.nanoTime();
        try (Socket plain = connect(check.endpoint(), timeout);
             SSLSocket socket = overTls(plain, check.endpoint(), tls.verifying())) {
            socket.startHandshake();
            Duration latency = since(started);
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return judgeCertificate(check, leaf.getNotAfter().toInstant(), latency);
        } catch (IOException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        }
    }

    private ProbeResult judgeCertificate(Check.Tls check, Instant notAfter, Duration latency) {
        Duration left = Duration.between(clock.instant(), notAfter);
        long days = left.toDays();
        if (left.isNegative()) {
            return new ProbeResult(ProbeStatus.DOWN, latency, "certificate expired on " + notAfter, days);
        }
        if (days < check.warnDays()) {
            return new ProbeResult(ProbeStatus.DEGRADED, latency, "certificate expires in " + days + " days, on " + notAfter, days);
        }
        return new ProbeResult(ProbeStatus.UP, latency, "certificate valid for " + days + " more days", days);
    }

    ProbeResult postgres(Check.Postgres check, Duration timeout) {
        long started = System.nanoTime();
        try (Socket plain = connect(check.endpoint(), timeout)) {
            Socket socket = plain;
            if (check.tls()) {
                socket = startPostgresTls(plain, check);
                if (socket == null) {
                    return ProbeResult.down(since(started), "server refused TLS");
                }
            }
            try (Socket session = socket) {
                sendStartup(session.getOutputStream(), check);
                return judgePostgresAnswer(new DataInputStream(session.getInputStream()), since(started));
            }
        } catch (IOException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        }
    }

    private Socket startPostgresTls(Socket plain, Check.Postgres check) throws IOException {
        OutputStream out = plain.getOutputStream();
        out.write(int32(8));
        out.write(int32(PG_SSL_REQUEST));
        out.flush();
        int answer = plain.getInputStream().read();
        if (answer != 'S') {
            return null;
        }
        SSLSocket socket = overTls(plain, check.endpoint(), tls.verifying());
        socket.startHandshake();
        return socket;
    }

    private static void sendStartup(OutputStream out, Check.Postgres check) throws IOException {
        byte[] parameters = ("user\0" + check.user() + "\0database\0" + check.database()
                + "\0application_name\0mooring-monitor\0\0").getBytes(StandardCharsets.UTF_8);
        out.write(int32(8 + parameters.length));
        out.write(int32(PG_PROTOCOL_3));
        out.write(parameters);
        out.flush();
    }

    /** 'R' (an authentication request, or OK) means the server serves; so does an error refusing the role. */
    private static ProbeResult judgePostgresAnswer(DataInputStream in, Duration latency) throws IOException {
        int type = in.read();
        if (type == 'R') {
            in.readInt();
            int code = in.readInt();
            return ProbeResult.up(latency, code == 0 ? "PostgreSQL let the monitor role in"
                    : "PostgreSQL asked for authentication (method " + code + ")");
        }
        if (type == 'E') {
            int length = in.readInt();
            if (length < 4 || length > 65_536) {
                return ProbeResult.down(latency, "not a PostgreSQL answer");
            }
            byte[] fields = in.readNBytes(length - 4);
            String sqlState = errorField(fields, 'C');
            String message = errorField(fields, 'M');
            if (sqlState.startsWith("28") || sqlState.equals("3D000")) {
                return ProbeResult.up(latency, "PostgreSQL refused the monitor role: " + message);
            }
            return ProbeResult.down(latency, "PostgreSQL error " + sqlState + ": " + message);
        }
        return ProbeResult.down(latency, type < 0 ? "connection closed without an answer" : "not a PostgreSQL answer");
    }

    private static String errorField(byte[] fields, char code) {
        int i = 0;
        while (i < fields.length && fields[i] != 0) {
            int end = i + 1;
            while (end < fields.length && fields[end] != 0) {
                end++;
            }
            if (fields[i] == code) {
                return new String(fields, i + 1, end - i - 1, StandardCharsets.UTF_8);
            }
            i = end + 1;
        }
        return "";
    }

    ProbeResult redis(Check.Redis check, Duration timeout) {
        long started = System.nanoTime();
        try (Socket plain = connect(check.endpoint(), timeout);
             Socket socket = check.tls() ? overTls(plain, check.endpoint(), tls.verifying()) : plain) {
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String line = readLine(socket, 512);
            Duration latency = since(started);
            if (line.equals("+PONG")) {
                return ProbeResult.up(latency, "PONG in " + latency.toMillis() + " ms");
            }
            if (line.startsWith("-NOAUTH") || line.startsWith("-ERR") && line.toLowerCase().contains("auth")) {
                return ProbeResult.up(latency, "Redis asked for authentication");
            }
            return ProbeResult.down(latency, line.isEmpty() ? "connection closed without an answer" : "Redis answered " + line);
        } catch (IOException e) {
            return ProbeResult.down(since(started), Failures.reason(e));
        }
    }

    private static String readLine(Socket socket, int max) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = socket.getInputStream().read()) >= 0 && c != '\n' && line.length() < max) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static Socket connect(Endpoint endpoint, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), millis);
            socket.setSoTimeout(millis);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** TLS over a connected socket, the certificate checked for {@code endpoint}'s host name. */
    private static SSLSocket overTls(Socket plain, Endpoint endpoint, SSLContext context) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(plain.getSoTimeout());
        return socket;
    }

    private static byte[] int32(int value) {
        return new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
