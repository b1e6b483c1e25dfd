package io.mooring.runtime.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.convert.format.MapFormat;
import io.micronaut.core.naming.conventions.StringConvention;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka connection and topic settings, under {@code mooring.kafka}. How the connection is secured
 * (TLS, SASL, client certificates) is checked and turned into client properties by {@link KafkaSecurity}.
 */
@ConfigurationProperties("mooring.kafka")
public class KafkaSettings {
    private String bootstrap = "127.0.0.1:9092";
    private int partitions = 3;
    private short replicationFactor = 1;
    private List<String> produces = List.of();
    private Duration retryBackoffMax = Duration.ofSeconds(10);
    private Map<String, String> client = new HashMap<>();
    private String serviceName;
    private String securityProtocol = "PLAINTEXT";
    private String saslMechanism = "SCRAM-SHA-512";
    private String saslUsername;
    private String saslPassword;
    private String caFile;
    private String truststoreFile;
    private String truststorePassword;
    private String clientCertFile;
    private String clientKeyFile;
    private String clientKeyPassword;
    private String keystoreFile;
    private String keystorePassword;

    public String getBootstrap() {
        return bootstrap;
    }

    public void setBootstrap(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Partitions of the topics this service creates. */
    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    /** Topics this service produces to, and so creates at start. */
    public List<String> getProduces() {
        return produces;
    }

    public void setProduces(List<String> produces) {
        this.produces = produces;
    }

    /** Longest pause between retries when Kafka or a store is unavailable. */
    public Duration getRetryBackoffMax() {
        return retryBackoffMax;
    }

    public void setRetryBackoffMax(Duration retryBackoffMax) {
        this.retryBackoffMax = retryBackoffMax;
    }

    /**
     * Extra kafka-clients properties, passed through as they are: {@code mooring.kafka.client.session.timeout.ms=6000}
     * is {@code session.timeout.ms}. Read flat with raw keys: Micronaut's default would nest them at every dot.
     */
    public Map<String, String> getClient() {
        return client;
    }

    public void setClient(@MapFormat(transformation = MapFormat.MapTransformation.FLAT, keyFormat = StringConvention.RAW)
                          Map<String, String> client) {
        this.client = client;
    }

    @Property(name = "micronaut.application.name")
    public void setServiceName(String serviceName) {
        this.serviceName = serviceName;
    }

    public String getServiceName() {
        return serviceName == null ? "mooring" : serviceName;
    }

    /** {@code PLAINTEXT} (default), {@code SSL} (TLS, with a client certificate for mutual TLS) or {@code SASL_SSL}. */
    public String getSecurityProtocol() {
        return securityProtocol;
    }

    public void setSecurityProtocol(String securityProtocol) {
        this.securityProtocol = securityProtocol;
    }

    /** {@code SCRAM-SHA-512} (default), {@code SCRAM-SHA-256} or {@code PLAIN}; used with {@code SASL_SSL}. */
    public String getSaslMechanism() {
        return saslMechanism;
    }

    public void setSaslMechanism(String saslMechanism) {
        this.saslMechanism = saslMechanism;
    }

    public String getSaslUsername() {
        return saslUsername;
    }

    public void setSaslUsername(String saslUsername) {
        this.saslUsername = saslUsername;
    }

    public String getSaslPassword() {
        return saslPassword;
    }

    public void setSaslPassword(String saslPassword) {
        this.saslPassword = saslPassword;
    }

    /** PEM file of the CA(s) that signed the brokers' certificates; empty means the JDK trust store. */
    public String getCaFile() {
        return caFile;
    }

    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    /** A PKCS#12 (or JKS) trust store instead of {@code ca-file}. */
    public String getTruststoreFile() {
        return truststoreFile;
    }

    public void setTruststoreFile(String truststoreFile) {
        this.truststoreFile = truststoreFile;
    }

    public String getTruststorePassword() {
        return truststorePassword;
    }

    public void setTruststorePassword(String truststorePassword) {
        this.truststorePassword = truststorePassword;
    }

    /** PEM certificate (chain) of this client, for mutual TLS; goes with {@code client-key-file}. */
    public String getClientCertFile() {
        return clientCertFile;
    }

    public void setClientCertFile(String clientCertFile) {
        this.clientCertFile = clientCertFile;
    }

    /** PEM PKCS#8 private key of this client; encrypted keys need {@code client-key-password}. */
    public String getClientKeyFile() {
        return clientKeyFile;
    }

    public void setClientKeyFile(String clientKeyFile) {
        this.clientKeyFile = clientKeyFile;
    }

    public String getClientKeyPassword() {
        return clientKeyPassword;
    }

    public void setClientKeyPassword(String clientKeyPassword) {
        this.clientKeyPassword = clientKeyPassword;
    }

    /** A PKCS#12 key store with this client's key and certificate, instead of the PEM pair. */
    public String getKeystoreFile() {
        return keystoreFile;
    }

    public void setKeystoreFile(String keystoreFile) {
        this.keystoreFile = keystoreFile;
    }

    public String getKeystorePassword() {
        return keystorePassword;
    }

    public void setKeystorePassword(String keystorePassword) {
        this.keystorePassword = keystorePassword;
    }

    /** The settings with every password shown only as set or not. */
    @Override
    public String toString() {
        return "KafkaSettings[bootstrap=" + bootstrap + ", securityProtocol=" + securityProtocol
                + ", saslMechanism=" + saslMechanism + ", saslUsername=" + saslUsername
                + ", saslPassword=" + hidden(saslPassword) + ", caFile=" + caFile + ", truststoreFile=" + truststoreFile
                + ", truststorePassword=" + hidden(truststorePassword) + ", clientCertFile=" + clientCertFile
                + ", clientKeyFile=" + clientKeyFile + ", clientKeyPassword=" + hidden(clientKeyPassword)
                + ", keystoreFile=" + keystoreFile + ", keystorePassword=" + hidden(keystorePassword)
                + ", client=" + client.keySet() + "]";
    }

    private static String hidden(String secret) {
        return secret == null || secret.isEmpty() ? "(none)" : "(hidden)";
    }
}
