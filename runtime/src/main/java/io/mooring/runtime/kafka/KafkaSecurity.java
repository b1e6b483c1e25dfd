package io.mooring.runtime.kafka;

import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How every Kafka client of a service authenticates and encrypts, from {@link KafkaSettings}:
 * {@code PLAINTEXT}, {@code SSL} (server verified by a CA file, trust store or the JDK's CAs; with a
 * client certificate it is mutual TLS) or {@code SASL_SSL} with SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN.
 * Contradictory or incomplete settings are refused when the clients are set up, naming the setting.
 * Passwords and keys only reach kafka-clients as password-typed properties, which it never logs.
 */
public final class KafkaSecurity {
    static final List<String> PROTOCOLS = List.of("PLAINTEXT", "SSL", "SASL_SSL");
    static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    private final Map<String, Object> clientProperties;
    private final String description;

    private KafkaSecurity(Map<String, Object> clientProperties, String description) {
        this.clientProperties = Map.copyOf(clientProperties);
        this.description = description;
    }

    /** Checks the settings and reads the PEM files they name. */
    public static KafkaSecurity from(KafkaSettings settings) {
        String protocol = upper(settings.getSecurityProtocol(), "PLAINTEXT");
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("mooring.kafka.security-protocol must be one of " + PROTOCOLS
                    + ", was '" + settings.getSecurityProtocol() + "'"
                    + ("SASL_PLAINTEXT".equals(protocol) ? " (SASL without TLS would send credentials in clear)" : ""));
        }
        Map<String, Object> props = new HashMap<>();
        props.put("security.protocol", protocol);
        if ("PLAINTEXT".equals(protocol)) {
            refuseWithoutTls(settings);
            return new KafkaSecurity(props, "PLAINTEXT");
        }
        StringBuilder description = new StringBuilder(protocol);
        props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "https");
        description.append(trust(settings, props));
        description.append(identity(settings, props));
        if ("SASL_SSL".equals(protocol)) {
            description.append(sasl(settings, props));
        } else if (set(settings.getSaslUsername()) || set(settings.getSaslPassword())) {
            throw new IllegalArgumentException("mooring.kafka.sasl-username/-password are set but "
                    + "mooring.kafka.security-protocol is " + protocol + ", not SASL_SSL");
        }
        return new KafkaSecurity(props, description.toString());
    }

    /** Properties to add to every producer, consumer and admin client. */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    /** Protocol, mechanism, user and file names; never a password or key. */
    @Override
    public String toString() {
        return description;
    }

    private static void refuseWithoutTls(KafkaSettings settings) {
        Map<String, String> tlsOnly = new LinkedHashMap<>();
        tlsOnly.put("sasl-username", settings.getSaslUsername());
        tlsOnly.put("sasl-password", settings.getSaslPassword());
        tlsOnly.put("ca-file", settings.getCaFile());
        tlsOnly.put("truststore-file", settings.getTruststoreFile());
        tlsOnly.put("client-cert-file", settings.getClientCertFile());
        tlsOnly.put("client-key-file", settings.getClientKeyFile());
        tlsOnly.put("keystore-file", settings.getKeystoreFile());
        tlsOnly.forEach((name, value) -> {
            if (set(value)) {
                throw new IllegalArgumentException("mooring.kafka." + name + " is set but mooring.kafka.security-protocol "
                        + "is PLAINTEXT: set it to SSL or SASL_SSL");
            }
        });
    }

    private static String trust(KafkaSettings settings, Map<String, Object> props) {
        if (set(settings.getCaFile()) && set(settings.getTruststoreFile())) {
            throw new IllegalArgumentException("set one of mooring.kafka.ca-file and mooring.kafka.truststore-file, not both");
        }
        if (set(settings.getCaFile())) {
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_TRUSTSTORE_CERTIFICATES_CONFIG, read("ca-file", settings.getCaFile()));
            return ", CA " + settings.getCaFile();
        }
        if (set(settings.getTruststoreFile())) {
            requireReadable("truststore-file", settings.getTruststoreFile());
            props.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
            props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, settings.getTruststoreFile());
            if (set(settings.getTruststorePassword())) {
                props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, settings.getTruststorePassword());
            }
            return ", trust store " + settings.getTruststoreFile();
        }
        return ", JDK CAs";
    }

    private static String identity(KafkaSettings settings, Map<String, Object> props) {
        boolean pem = set(settings.getClientCertFile()) || set(settings.getClientKeyFile());
        if (pem && set(settings.getKeystoreFile())) {
            throw new IllegalArgumentException("set mooring.kafka.client-cert-file/client-key-file or "
                    + "mooring.kafka.keystore-file, not both");
        }
        if (pem) {
            if (!set(settings.getClientCertFile()) || !set(settings.getClientKeyFile())) {
                throw new IllegalArgumentException("mutual TLS needs both mooring.kafka.client-cert-file and "
                        + "mooring.kafka.client-key-file");
            }
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
            props.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read("client-cert-file", settings.getClientCertFile()));
            props.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read("client-key-file", settings.getClientKeyFile()));
            if (set(settings.getClientKeyPassword())) {
                props.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, settings.getClientKeyPassword());
            }
            return ", client certificate " + settings.getClientCertFile();
        }
        if (set(settings.getKeystoreFile())) {
            requireReadable("keystore-file", settings.getKeystoreFile());
            props.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12");
            props.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, settings.getKeystoreFile());
            if (set(settings.getKeystorePassword())) {
                props.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, settings.getKeystorePassword());
            }
            return ", client key store " + settings.getKeystoreFile();
        }
        return "";
    }

    private static String sasl(KafkaSettings settings, Map<String, Object> props) {
        String mechanism = upper(settings.getSaslMechanism(), "SCRAM-SHA-512");
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("mooring.kafka.sasl-mechanism must be one of " + MECHANISMS
                    + ", was '" + settings.getSaslMechanism() + "'");
        }
        if (!set(settings.getSaslUsername()) || !set(settings.getSaslPassword())) {
            throw new IllegalArgumentException("SASL_SSL needs mooring.kafka.sasl-username and mooring.kafka.sasl-password "
                    + "(MOORING_KAFKA_SASL_USERNAME, MOORING_KAFKA_SASL_PASSWORD or MOORING_KAFKA_SASL_PASSWORD_FILE)");
        }
        String module = "PLAIN".equals(mechanism)
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        props.put(SaslConfigs.SASL_MECHANISM, mechanism);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + jaasQuoted(settings.getSaslUsername())
                + "\" password=\"" + jaasQuoted(settings.getSaslPassword()) + "\";");
        return ", " + mechanism + " as " + settings.getSaslUsername();
    }

    /** JAAS values are double-quoted strings with backslash escapes. */
    static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String read(String setting, String file) {
        requireReadable(setting, file);
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("mooring.kafka." + setting + "=" + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireReadable(String setting, String file) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException("mooring.kafka." + setting + "=" + file + " is not a readable file");
        }
    }

    private static String upper(String value, String fallback) {
        return set(value) ? value.strip().toUpperCase(Locale.ROOT) : fallback;
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }
}
