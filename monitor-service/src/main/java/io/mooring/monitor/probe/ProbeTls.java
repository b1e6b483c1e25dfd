package io.mooring.monitor.probe;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS contexts probes use: one that verifies certificates against the JDK's CAs plus any
 * extra CA files (a private CA of the platform), and one that trusts anything, for HTTP monitors
 * whose operator switched verification off.
 */
public final class ProbeTls {
    private final SSLContext verifying;
    private final SSLContext trustingAll;

    private ProbeTls(SSLContext verifying, SSLContext trustingAll) {
        this.verifying = verifying;
        this.trustingAll = trustingAll;
    }

    /** The JDK's CAs plus the PEM certificates in {@code extraCaFiles}. */
    public static ProbeTls trusting(List<Path> extraCaFiles) {
        try {
            TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jdk.init((KeyStore) null);
            List<TrustManager> managers = new ArrayList<>(List.of(jdk.getTrustManagers()));
            if (!extraCaFiles.isEmpty()) {
                KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
                extra.load(null, null);
                CertificateFactory x509 = CertificateFactory.getInstance("X.509");
                int n = 0;
                for (Path file : extraCaFiles) {
                    try (InputStream in = Files.newInputStream(file)) {
                        for (Certificate ca : x509.generateCertificates(in)) {
                            extra.setCertificateEntry("extra-" + n++, ca);
                        }
                    }
                }
                TrustManagerFactory own = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                own.init(extra);
                managers = List.of(new EitherTrustManager(first(jdk), first(own)));
            }
            SSLContext verifying = SSLContext.getInstance("TLS");
            verifying.init(null, managers.toArray(TrustManager[]::new), null);
            SSLContext all = SSLContext.getInstance("TLS");
            all.init(null, new TrustManager[]{new TrustingAll()}, null);
            return new ProbeTls(verifying, all);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS for probes: " + e.getMessage(), e);
        }
    }

    public SSLContext verifying() {
        return verifying;
    }

    public SSLContext trustingAll() {
        return trustingAll;
    }

    private static X509ExtendedTrustManager first(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager");
    }

    /** Trusts a chain that either manager trusts (the JDK's CAs or the extra ones), host names checked by both. */
    private static final class EitherTrustManager extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager a;
        private final X509ExtendedTrustManager b;

        EitherTrustManager(X509ExtendedTrustManager a, X509ExtendedTrustManager b) {
            this.a = a;
            this.b = b;
        }

        private interface TrustCheck {
            void check(X509ExtendedTrustManager manager) throws java.security.cert.CertificateException;
        }

        private void either(TrustCheck check) throws java.security.cert.CertificateException {
            try {
                check.check(a);
            } catch (java.security.cert.CertificateException first) {
                check.check(b);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) throws java.security.cert.CertificateException {
            either(m -> m.checkServerTrusted(chain, auth, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) throws java.security.cert.CertificateException {
            either(m -> m.checkServerTrusted(chain, auth, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth) throws java.security.cert.CertificateException {
            either(m -> m.checkServerTrusted(chain, auth));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("probes are clients only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("probes are clients only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth) throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("probes are clients only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(a.getAcceptedIssuers()));
            all.addAll(List.of(b.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    /** For monitors with verification off: checks neither the chain nor the host name. */
    private static final class TrustingAll extends X509ExtendedTrustManager implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
