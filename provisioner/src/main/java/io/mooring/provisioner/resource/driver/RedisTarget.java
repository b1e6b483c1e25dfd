package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import io.mooring.runtime.redis.RedisSettings;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * The Redis server tenant namespaces are created on ({@code mooring.provisioner.targets.redis.*},
 * defaulting to {@code mooring.redis.*}): over TLS with the CA verified, as a user allowed to run
 * {@code ACL}. {@code public-uri} is what tenants connect to when it differs; {@code extra-acl-rules}
 * are appended to every tenant user's rules (e.g. {@code +info} for clients that insist on it).
 */
@Singleton
public class RedisTarget {
    private final String uri;
    private final String caFile;
    private final boolean allowPlaintext;
    private final Duration timeout;
    private final String publicUri;
    private final List<String> extraAclRules;

    public RedisTarget(@Value("${mooring.provisioner.targets.redis.uri:${mooring.redis.uri:}}") String uri,
                       @Value("${mooring.provisioner.targets.redis.ca-file:${mooring.redis.ca-file:}}") String caFile,
                       @Value("${mooring.provisioner.targets.redis.allow-plaintext:${mooring.redis.allow-plaintext:false}}") boolean allowPlaintext,
                       @Value("${mooring.provisioner.targets.redis.timeout:5s}") Duration timeout,
                       @Value("${mooring.provisioner.targets.redis.public-uri:}") String publicUri,
                       @Value("${mooring.provisioner.targets.redis.extra-acl-rules:}") List<String> extraAclRules) {
        this.uri = uri == null ? "" : uri.trim();
        this.caFile = caFile == null ? "" : caFile.trim();
        this.allowPlaintext = allowPlaintext;
        this.timeout = timeout;
        this.publicUri = publicUri == null || publicUri.isBlank() ? this.uri : publicUri.trim();
        this.extraAclRules = extraAclRules == null ? List.of()
                : extraAclRules.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    public boolean configured() {
        return !uri.isEmpty();
    }

    /** Settings for {@code RedisConnections.create}. */
    public RedisSettings settings() {
        RedisSettings settings = new RedisSettings();
        settings.setUri(uri);
        settings.setCaFile(caFile);
        settings.setAllowPlaintext(allowPlaintext);
        settings.setTimeout(timeout);
        return settings;
    }

    public String publicUri() {
        return publicUri;
    }

    public List<String> extraAclRules() {
        return extraAclRules;
    }
}
