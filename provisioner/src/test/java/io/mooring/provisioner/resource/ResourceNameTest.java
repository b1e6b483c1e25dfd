package io.mooring.provisioner.resource;

import io.mooring.events.provisioning.ResourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceNameTest {

    @ParameterizedTest
    @EnumSource(ResourceKind.class)
    void acceptsLowercaseNamesUpToFortyCharacters(ResourceKind kind) {
        assertThat(new ResourceName(kind, "main").value()).isEqualTo("main");
        assertThat(new ResourceName(kind, "a".repeat(40)).value()).hasSize(40);
        assertThat(new ResourceName(kind, "cache-2").value()).isEqualTo("cache-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Main", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "my db", "db.1", "db;drop", "\"db\"", "ünï"})
    void rejectsOtherNames(String name) {
        assertThatThrownBy(() -> new ResourceName(ResourceKind.POSTGRES_DATABASE, name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowsUnderscoresAndEdgeDashesOutsideBuckets() {
        assertThat(new ResourceName(ResourceKind.POSTGRES_DATABASE, "_main-").value()).isEqualTo("_main-");
        assertThat(new ResourceName(ResourceKind.REDIS_NAMESPACE, "sidekiq_jobs").value()).isEqualTo("sidekiq_jobs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"media_files", "-media", "media-", "_"})
    void keepsBucketNamesValidForS3(String name) {
        assertThatThrownBy(() -> new ResourceName(ResourceKind.BUCKET, name)).hasMessageContaining("bucket");
    }

    @Test
    void rejectsAMissingName() {
        assertThatThrownBy(() -> new ResourceName(ResourceKind.SITE, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
