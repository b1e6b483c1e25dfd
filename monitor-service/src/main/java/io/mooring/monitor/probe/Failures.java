package io.mooring.monitor.probe;

import javax.net.ssl.SSLException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/** Says why a probe failed, in the words an operator reads on a monitor. */
final class Failures {
    private Failures() {
    }

    static String reason(Throwable failure) {
        // the first failure along the chain that says what happened: the JDK's HTTP client throws a
        // ConnectException without a message, caused by a ClosedChannelException, for a refused connection
        for (Throwable e = failure; e != null; e = e.getCause()) {
            String known = known(e);
            if (known != null) {
                return known;
            }
        }
        Throwable e = failure;
        while (e.getCause() != null && (e.getMessage() == null || e instanceof java.util.concurrent.ExecutionException
                || e instanceof java.util.concurrent.CompletionException)) {
            e = e.getCause();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String known(Throwable e) {
        String detail = e.getMessage() == null ? "" : e.getMessage();
        return switch (e) {
            case HttpConnectTimeoutException t -> "connect timed out";
            case HttpTimeoutException t -> "timed out";
            case SocketTimeoutException t -> "timed out";
            case TimeoutException t -> "timed out";
            case UnknownHostException u -> "host not found" + (detail.isEmpty() ? "" : ": " + detail);
            case ConnectException c -> "connection refused"
                    + (detail.isEmpty() || detail.contains("refused") ? "" : ": " + detail);
            case NoRouteToHostException n -> "no route to host";
            case SSLException ssl -> "TLS failed: " + (detail.isEmpty() ? ssl.getClass().getSimpleName() : detail);
            case org.apache.kafka.common.errors.SslAuthenticationException ssl -> "TLS failed: " + detail;
            case org.apache.kafka.common.errors.AuthenticationException auth -> "authentication failed: " + detail;
            case org.apache.kafka.common.errors.AuthorizationException denied -> "not authorized: " + detail;
            case org.apache.kafka.common.errors.TimeoutException t -> "timed out" + (detail.isEmpty() ? "" : ": " + detail);
            default -> null;
        };
    }
}
