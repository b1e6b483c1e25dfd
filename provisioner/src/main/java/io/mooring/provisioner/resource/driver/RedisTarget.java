package io.mooring.provisioner.resource.driver;

import io.micronaut.context.annotation.Value;
import io.mooring.runtime.redis.RedisSettings;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;

/**
 * The Redis server tenant namespaces are created on ({@code mooring.provisioner.targets.redis.*};
 * without a {@code uri} there, the provisioner's own {@code mooring.redis.*} server): over TLS with the CA verified, as a user allowed to run
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

    public RedisTarget(@Value("${mooring.provisioner.targets.redis.uri:}") String uri,
                       @Value("${mooring.provisioner.targets.redis.ca-file:}") String caFile,
                       @Value("${mooring.provisioner.targets.redis.allow-plaintext:false}") boolean allowPlaintext,
                       @Value("${mooring.provisioner.targets.redis.timeout:5s}") Duration timeout,
                       @Value("${mooring.provisioner.targets.redis.public-uri:}") String publicUri,
                       @Value("${mooring.provisioner.targets.redis.extra-acl-rules:}") List<String> extraAclRules,
                       @Value("${mooring.redis.uri:}") String serviceUri,
                       @Value("${mooring.redis.ca-file:}") String serviceCaFile,
                       @Value("${mooring.redis.allow-plaintext:false}") boolean serviceAllowPlaintext) {
        boolean own = uri != null && !uri.isBlank();
        this.uri = own ? uri.trim() : trimmed(serviceUri);
        this.caFile = own ? trimmed(caFile) : trimmed(serviceCaFile);
        this.allowPlaintext = own ? allowPlaintext : serviceAllowPlaintext;
        this.timeout = timeout;
        this.publicUri = publicUri == null || publicUri.isBlank() ? this.uri : publicUri.trim();
        this.extraAclRules = extraAclRules == null ? List.of()
                : extraAclRules.stream().map(String::trim).filter(r -> !r.isEmpty()).toList();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
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
