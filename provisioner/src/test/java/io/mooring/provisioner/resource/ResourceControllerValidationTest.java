package io.mooring.provisioner.resource;

import io.mooring.events.provisioning.ResourceKind;
import io.mooring.runtime.http.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResourceControllerValidationTest {

    @Test
    void buildsASiteRequestWithItsLowerCasedDomain() {
        ResourceRequest request = ResourceController.validate(
                new ResourceController.CreateResource("site", "www", "Shop.Example.org", "http://127.0.0.1:3000"));
        assertThat(request.kind()).isEqualTo(ResourceKind.SITE);
        assertThat(request.domain().value()).isEqualTo("shop.example.org");
        assertThat(request.upstream().value()).isEqualTo("http://127.0.0.1:3000");
    }

    @Test
    void buildsOtherKindsWithoutDomain() {
        ResourceRequest request = ResourceController.validate(new ResourceController.CreateResource("bucket", "media", null, null));
        assertThat(request.kind()).isEqualTo(ResourceKind.BUCKET);
        assertThat(request.domain()).isNull();
    }

    @Test
    void namesTheFieldThatIsWrong() {
        assertField(new ResourceController.CreateResource("queue", "jobs", null, null), "kind");
        assertField(new ResourceController.CreateResource("bucket", "media_files", null, null), "name");
        assertField(new ResourceController.CreateResource("site", "www", "not a domain", "http://127.0.0.1:3000"), "domain");
        assertField(new ResourceController.CreateResource("site", "www", null, "http://127.0.0.1:3000"), "domain");
        assertField(new ResourceController.CreateResource("site", "www", "shop.example.org", "ftp://x:1"), "upstream");
        assertField(new ResourceController.CreateResource("site", "www", "shop.example.org", null), "upstream");
        assertField(new ResourceController.CreateResource("postgres-database", "main", "shop.example.org", null), "domain");
        assertField(new ResourceController.CreateResource("redis-namespace", "cache", null, "http://app:80"), "upstream");
    }

    private static void assertField(ResourceController.CreateResource body, String field) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> ResourceController.validate(body));
        assertThat(e).as(field).isNotNull();
        assertThat(e.status().getCode()).isEqualTo(400);
        assertThat(e.toProblem("/x").errors()).extracting(error -> error.field()).containsExactly(field);
    }
}
