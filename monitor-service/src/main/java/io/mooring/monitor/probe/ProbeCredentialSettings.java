package io.mooring.monitor.probe;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Parameter;
import io.mooring.runtime.kafka.KafkaSecurity;
import io.mooring.runtime.kafka.KafkaSettings;
import io.mooring.runtime.postgres.PostgresTls;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@link ProbeCredentials} from configuration. Each secret may come from a file like any other
 * ({@code MOORING_PROBES_KAFKA_<NAME>_SASL_PASSWORD_FILE}); bad settings stop the service at start,
 * naming them.
 */
@Factory
class ProbeCredentialSettings {

    @Singleton
    @Bean(typed = ProbeCredentials.class)
    ProbeCredentials probeCredentials(List<KafkaCredentials> kafka, List<PostgresRoleCredentials> roles) {
        Map<String, Map<String, Object>> kafkaByName = new HashMap<>();
        for (KafkaCredentials credentials : kafka) {
            kafkaByName.put(checked(credentials.name, "mooring.probes.kafka"), credentials.clientProperties());
        }
        Map<String, ProbeCredentials.PostgresRole> rolesByName = new HashMap<>();
        for (PostgresRoleCredentials role : roles) {
            rolesByName.put(checked(role.name, "mooring.probes.postgres-roles"), role.role());
        }
        return new ProbeCredentials(kafkaByName, rolesByName);
    }

    private static String checked(String name, String prefix) {
        if (!ProbeCredentials.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(prefix + "." + name + ": the name " + ProbeCredentials.NAME_RULE.substring(5));
        }
        return name;
    }

    /** {@code mooring.probes.kafka.<name>.*}: how to reach a monitored cluster, as {@code mooring.kafka.*} secures the service's own. */
    @EachProperty("mooring.probes.kafka")
    static class KafkaCredentials {
        private final String name;
        private String securityProtocol;
        private String saslMechanism;
        private String saslUsername;
        private String saslPassword;
        private String caFile;
        private String clientCertFile;
        private String clientKeyFile;
        private String clientKeyPassword;

        KafkaCredentials(@Parameter String name) {
            this.name = name;
        }

        Map<String, Object> clientProperties() {
            KafkaSettings settings = new KafkaSettings();
            settings.setSecurityProtocol(securityProtocol);
            settings.setSaslMechanism(saslMechanism);
            settings.setSaslUsername(saslUsername);
            settings.setSaslPassword(saslPassword);
            settings.setCaFile(caFile);
            settings.setClientCertFile(clientCertFile);
            settings.setClientKeyFile(clientKeyFile);
            settings.setClientKeyPassword(clientKeyPassword);
            try {
                return KafkaSecurity.from(settings).clientProperties();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mooring.probes.kafka." + name + ": "
                        + e.getMessage().replace("mooring.kafka.", ""), e);
            }
        }

        public void setSecurityProtocol(String securityProtocol) {
            this.securityProtocol = securityProtocol;
        }

        public void setSaslMechanism(String saslMechanism) {
            this.saslMechanism = saslMechanism;
        }

        public void setSaslUsername(String saslUsername) {
            this.saslUsername = saslUsername;
        }

        public void setSaslPassword(String saslPassword) {
            this.saslPassword = saslPassword;
        }

        public void setCaFile(String caFile) {
            this.caFile = caFile;
        }

        public void setClientCertFile(String clientCertFile) {
            this.clientCertFile = clientCertFile;
        }

        public void setClientKeyFile(String clientKeyFile) {
            this.clientKeyFile = clientKeyFile;
        }

        public void setClientKeyPassword(String clientKeyPassword) {
            this.clientKeyPassword = clientKeyPassword;
        }
    }

    /** {@code mooring.probes.postgres-roles.<name>.*}: a role the provisioner granted CONNECT on tenant databases. */
    @EachProperty("mooring.probes.postgres-roles")
    static class PostgresRoleCredentials {
        private final String name;
        private String user;
        private String password;
        private String sslmode;
        private String sslrootcert;

        PostgresRoleCredentials(@Parameter String name) {
            this.name = name;
        }

        ProbeCredentials.PostgresRole role() {
            String setting = "mooring.probes.postgres-roles." + name;
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException(setting + ".user is required");
            }
            return new ProbeCredentials.PostgresRole(user, password,
                    new PostgresTls(setting, sslmode, sslrootcert).connectionProperties());
        }

        public void setUser(String user) {
            this.user = user;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public void setSslmode(String sslmode) {
            this.sslmode = sslmode;
        }

        public void setSslrootcert(String sslrootcert) {
            this.sslrootcert = sslrootcert;
        }
    }
}
