package io.mooring.monitor;

import io.mooring.testing.OpenApiDocuments;
import org.junit.jupiter.api.Test;

/** The OpenAPI document generated from the code: bearer auth that Swagger UI's "Authorize" can use, operations grouped by resource. */
class OpenApiDocumentTest {

    @Test
    void declaresAndAppliesBearerAuthAndTagsEveryOperation() {
        OpenApiDocuments.assertBearerAuthAndTags(OpenApiDocuments.load());
    }
}
