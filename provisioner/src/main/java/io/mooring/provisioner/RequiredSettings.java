package io.mooring.provisioner;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

/** Fails the start with a clear message when a setting the provisioner cannot do without is missing. */
@Context
class RequiredSettings {
    RequiredSettings(@Value("${mooring.redis.uri:}") String redisUri) {
        if (redisUri.isBlank()) {
            throw new ConfigurationException("the provisioner needs Redis for idempotency keys and rate limits: set "
                    + "mooring.redis.uri (MOORING_REDIS_URI, rediss://...) and mooring.redis.ca-file (MOORING_REDIS_CA_FILE)");
        }
    }
}
