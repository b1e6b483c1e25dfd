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
        Throwable e = failure;
        while (e.getCause() != null && (e.getMessage() == null || e instanceof java.util.concurrent.ExecutionException
                || e instanceof java.util.concurrent.CompletionException)) {
            e = e.getCause();
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return switch (e) {
            case HttpConnectTimeoutException t -> "connect timed out";
            case HttpTimeoutException t -> "timed out";
            case SocketTimeoutException t -> "timed out";
            case TimeoutException t -> "timed out";
            case UnknownHostException u -> "host not found: " + detail;
            case ConnectException c -> "connection refused" + (detail.contains("refused") ? "" : ": " + detail);
            case NoRouteToHostException n -> "no route to host";
            case SSLException s -> "TLS failed: " + detail;
            default -> rootTls(failure) != null ? "TLS failed: " + rootTls(failure).getMessage() : detail;
        };
    }

    private static SSLException rootTls(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
