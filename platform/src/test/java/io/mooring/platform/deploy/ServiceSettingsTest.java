package io.mooring.platform.deploy;

import io.mooring.platform.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The reading of what a service reads, on settings whose answer is known from the READMEs. */
class ServiceSettingsTest {

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyRequiredSettingIsOneTheServiceReads(Service service) {
        ServiceSettings settings = ServiceSettings.of(service);
        assertThat(RequiredSettings.of(service)).allSatisfy(v -> assertThat(settings.reads(v)).as(v).isTrue());
    }

    @Test
    void findsSettingsOfEveryKindOfDeclaration() {
        ServiceSettings backup = ServiceSettings.of(Service.BACKUP);
        assertThat(backup.reads("MOORING_BACKUP_MAX_CONCURRENT_RUNS")).as("@ConfigurationProperties setter").isTrue();
        assertThat(backup.reads("MOORING_BACKUP_PROVISIONED_RETENTION_DAYS")).as("@Value placeholder").isTrue();
        assertThat(backup.reads("MOORING_BACKUP_DESTINATIONS_OFFSITE_SECRET_KEY")).as("@EachProperty").isTrue();
        assertThat(backup.reads("MOORING_PG_DATABASE")).as("application.yml placeholder").isTrue();
        assertThat(backup.reads("MOORING_HTTP_PORT")).isTrue();
        assertThat(backup.reads("MOORING_KAFKA_CLIENT_MAX_POLL_RECORDS")).as("runtime map setting").isTrue();
        assertThat(backup.reads("MOORING_PG_STATEMENT_TIMEOUT")).as("mooring-defaults.yml").isTrue();
        assertThat(ServiceSettings.of(Service.CHATOPS).reads("MOORING_CHATOPS_WEBHOOK_URL")).as("@Property of a constant").isTrue();
    }

    @Test
    void readsSecretsFromFilesOfSettingsItReads() {
        ServiceSettings provisioner = ServiceSettings.of(Service.PROVISIONER);
        assertThat(provisioner.reads("MOORING_PG_PASSWORD_FILE")).isTrue();
        assertThat(provisioner.reads("MOORING_REDIS_CA_FILE")).isTrue();
        assertThat(provisioner.reads("MOORING_OPENSEARCH_PASSWORD_FILE")).isFalse();
    }

    @Test
    void refusesWhatOnlyAnotherServiceReads() {
        assertThat(ServiceSettings.of(Service.PROVISIONER).reads("MOORING_OPENSEARCH_URL")).isFalse();
        assertThat(ServiceSettings.of(Service.SEARCH).reads("MOORING_PG_HOST")).as("no datasource").isFalse();
        assertThat(ServiceSettings.of(Service.MONITOR).reads("MOORING_BACKUP_AGE_RECIPIENTS")).isFalse();
        assertThat(ServiceSettings.of(Service.CHATOPS).reads("MOORING_CHATOPS_WEBHOOK_URLS")).isFalse();
        assertThat(ServiceSettings.of(Service.BACKUP).reads("MOORING_PG_HOSTNAME")).isFalse();
    }
}
