package io.mooring.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.MiscPEMGenerator;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A throwaway CA and a server certificate for localhost / 127.0.0.1 (EC P-256), as PEM files
 * {@code ca.crt}, {@code ca.key}, {@code server.crt}, {@code server.key}. Existing files are reused
 * while valid. The CA also issues client certificates, for servers that ask for mutual TLS.
 */
public final class DevCertificates {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "server.crt";
    public static final String SERVER_KEY = "server.key";

    /** A client certificate and its private key (PKCS#8, unencrypted), PEM files. */
    public record ClientCertificate(Path certificate, Path key) {
    }

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Duration MIN_REMAINING = Duration.ofDays(1);
    private static final String SIGNATURE = "SHA256withECDSA";

    private DevCertificates() {
    }

    /** Makes sure {@code dir} holds a valid CA + server certificate pair; returns the CA certificate file. */
    public static Path ensure(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!stillValid(dir)) {
                generate(dir);
            }
            return dir.resolve(CA_CERT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write certificates to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate certificates", e);
        }
    }

    private static boolean stillValid(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(CA_CERT)) || !Files.exists(dir.resolve(CA_KEY)) || !Files.exists(dir.resolve(SERVER_KEY))
                || !Files.exists(dir.resolve(SERVER_CERT))) {
            return false;
        }
        Date soon = Date.from(Instant.now().plus(MIN_REMAINING));
        try {
            for (String name : new String[] {CA_CERT, SERVER_CERT}) {
                try (InputStream in = Files.newInputStream(dir.resolve(name))) {
                    ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).checkValidity(soon);
                }
            }
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void generate(Path dir) throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
        Date notAfter = Date.from(now.plus(VALIDITY));
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

        KeyPair caKeys = newKeyPair();
        X500Name caName = new X500Name("CN=Mooring dev CA " + Long.toHexString(now.toEpochMilli()));
        X509CertificateHolder ca = new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter, caName,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(caKeys.getPublic()))
                .build(new JcaContentSignerBuilder(SIGNATURE).build(caKeys.getPrivate()));
        X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(ca);

        KeyPair serverKeys = newKeyPair();
        X509CertificateHolder server = new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter,
                new X500Name("CN=localhost"), serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(serverKeys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(caCert))
                .build(new JcaContentSignerBuilder(SIGNATURE).build(caKeys.getPrivate()));

        writePem(dir.resolve(CA_KEY), new JcaPKCS8Generator(caKeys.getPrivate(), null), true);
        writePem(dir.resolve(SERVER_KEY), new JcaPKCS8Generator(serverKeys.getPrivate(), null), true);
        writePem(dir.resolve(SERVER_CERT), new MiscPEMGenerator(server), false);
        writePem(dir.resolve(CA_CERT), new MiscPEMGenerator(ca), false);
    }

    /**
     * Issues a client certificate for {@code commonName}, signed by the CA in {@code dir} (made by
     * {@link #ensure}), as {@code <commonName>.crt} and {@code <commonName>.key} in {@code dir}.
     */
    public static ClientCertificate issueClient(Path dir, String commonName) {
        ensure(dir);
        try {
            X509Certificate caCert;
            try (InputStream in = Files.newInputStream(dir.resolve(CA_CERT))) {
                caCert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            PrivateKey caKey;
            try (PEMParser parser = new PEMParser(Files.newBufferedReader(dir.resolve(CA_KEY)))) {
                caKey = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
            }
            Instant now = Instant.now();
            KeyPair keys = newKeyPair();
            X509CertificateHolder client = new JcaX509v3CertificateBuilder(caCert, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), caCert.getNotAfter(),
                    new X500Principal("CN=" + commonName), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert))
                    .build(new JcaContentSignerBuilder(SIGNATURE).build(caKey));
            ClientCertificate files = new ClientCertificate(dir.resolve(commonName + ".crt"), dir.resolve(commonName + ".key"));
            writePem(files.key(), new JcaPKCS8Generator(keys.getPrivate(), null), true);
            writePem(files.certificate(), new MiscPEMGenerator(client), false);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a client certificate to " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a client certificate", e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
    }

    /** Writes atomically so a concurrent reader never sees half a file. */
    private static void writePem(Path file, PemObjectGenerator object, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(object);
        }
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text.toString());
        if (!secret) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
