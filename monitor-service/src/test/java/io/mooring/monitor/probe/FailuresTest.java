package io.mooring.monitor.probe;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void aRefusedHttpConnectionIsSaidSoThoughTheClientGivesNoMessage() {
        // what java.net.http.HttpClient throws for a closed port
        ConnectException refused = new ConnectException();
        refused.initCause(new ClosedChannelException());
        assertThat(Failures.reason(refused)).isEqualTo("connection refused");
        assertThat(Failures.reason(new ExecutionException(refused))).isEqualTo("connection refused");
        assertThat(Failures.reason(new ConnectException("Connection refused"))).isEqualTo("connection refused");
    }

    @Test
    void otherFailuresKeepTheirWords() {
        assertThat(Failures.reason(new HttpConnectTimeoutException("HTTP connect timed out"))).isEqualTo("connect timed out");
        assertThat(Failures.reason(new UnknownHostException("demo.mooring.test"))).isEqualTo("host not found: demo.mooring.test");
        assertThat(Failures.reason(new IOException("wrapped", new SSLHandshakeException("PKIX path building failed"))))
                .isEqualTo("TLS failed: PKIX path building failed");
        assertThat(Failures.reason(new IOException("stream closed"))).isEqualTo("stream closed");
        assertThat(Failures.reason(new ClosedChannelException())).isEqualTo("ClosedChannelException");
    }

    @Test
    void kafkaRefusalsSayWhetherTheCredentialsOrTheCertificateFailed() {
        assertThat(Failures.reason(new ExecutionException(new org.apache.kafka.common.errors.SaslAuthenticationException(
                "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512"))))
                .isEqualTo("authentication failed: Authentication failed during authentication due to invalid credentials "
                        + "with SASL mechanism SCRAM-SHA-512");
        assertThat(Failures.reason(new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed")))
                .isEqualTo("TLS failed: SSL handshake failed");
        assertThat(Failures.reason(new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment")))
                .isEqualTo("timed out: Timed out waiting for a node assignment");
    }
}
