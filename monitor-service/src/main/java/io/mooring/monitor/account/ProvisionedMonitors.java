package io.mooring.monitor.account;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.provisioning.HostRegistered;
import io.mooring.events.provisioning.ResourceKind;
import io.mooring.events.provisioning.ResourceReady;
import io.mooring.events.WireValue;
import io.mooring.monitor.dependency.MonitorDependencies;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorChanges;
import io.mooring.monitor.monitor.MonitorDraft;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.monitor.MonitorSettings;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Monitors made for what the provisioner creates ({@code monitor.provisioned_for}): a ready site gets an
 * http monitor on its endpoint, a ready PostgreSQL database a postgres monitor on its server (naming
 * its database), a registered host a tcp monitor on {@code <name>:<mooring.monitor.host-port>} when that
 * port is set; each is deleted with its resource or host. Redis namespaces and buckets get none. An
 * endpoint a monitor cannot check is logged and skipped. In the caller's transaction.
 */
@Singleton
public class ProvisionedMonitors {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisionedMonitors.class);
    /** Reserved top-level domains: names under them never resolve on the public DNS. */
    private static final Pattern NEVER_RESOLVED = Pattern.compile("\\.(test|example|invalid|localhost)\\.?$",
            Pattern.CASE_INSENSITIVE);

    private final JdbcOperations jdbc;
    private final MonitorRepository monitors;
    private final MonitorRegistry registry;
    private final MonitorDependencies dependencies;
    private final int intervalSeconds;
    private final @Nullable Integer hostPort;

    public ProvisionedMonitors(JdbcOperations jdbc, MonitorRepository monitors, MonitorRegistry registry,
                               MonitorDependencies dependencies,
                               @Value("${mooring.monitor.provisioned-interval:60s}") Duration interval,
                               @Property(name = "mooring.monitor.host-port") @Nullable Integer hostPort) {
        this.jdbc = jdbc;
        this.monitors = monitors;
        this.registry = registry;
        this.dependencies = dependencies;
        this.intervalSeconds = (int) interval.toSeconds();
        this.hostPort = hostPort;
    }

    /** A ready resource: creates its monitor, or points the existing one at its (new) endpoint. */
    @Transactional
    public void resourceReady(ResourceReady ready) {
        ResourceKind kind = WireValue.parse(ResourceKind.class, ready.kind(), "kind");
        MonitorDraft draft;
        try {
            draft = switch (kind) {
                case SITE -> site(ready);
                case POSTGRES_DATABASE -> postgres(ready);
                case REDIS_NAMESPACE, BUCKET -> null;
            };
        } catch (ProblemException | IllegalArgumentException e) {
            LOG.warn("resource {} ({} {}): no monitor for endpoint {}: {}", ready.resourceId(), ready.kind(), ready.name(),
                    ready.endpoint(), e.getMessage());
            return;
        }
        if (draft != null) {
            watch("resource:" + ready.resourceId(), draft);
            dependencies.resourceWatched(ready.accountId());
        }
    }

    /** An http monitor on the site, unless its name is under a top-level domain that never resolves. */
    private MonitorDraft site(ResourceReady ready) {
        String host = URI.create(ready.endpoint()).getHost();
        if (host != null && NEVER_RESOLVED.matcher(host).find()) {
            LOG.info("site {} of account {}: no monitor, {} is under a top-level domain reserved for tests and examples "
                    + "(RFC 2606, 6761), which never resolves", ready.name(), ready.accountId(), host);
            return null;
        }
        return new MonitorDraft(ready.accountId(), "site " + ready.name(), MonitorKind.HTTP, ready.endpoint(),
                intervalSeconds, null);
    }

    private MonitorDraft postgres(ResourceReady ready) {
        URI endpoint = URI.create(ready.endpoint());
        if (endpoint.getHost() == null) {
            throw new IllegalArgumentException("no host");
        }
        String host = endpoint.getHost().contains(":") && !endpoint.getHost().startsWith("[")
                ? "[" + endpoint.getHost() + "]" : endpoint.getHost();
        String database = endpoint.getPath() == null || endpoint.getPath().length() <= 1 ? null : endpoint.getPath().substring(1);
        MonitorSettings settings = new MonitorSettings(null, null, null, null, null, null, null, null, null, null,
                database, null, null);
        return new MonitorDraft(ready.accountId(), "postgres-database " + ready.name(), MonitorKind.POSTGRES,
                host + ":" + (endpoint.getPort() == -1 ? 5432 : endpoint.getPort()), intervalSeconds, null, null,
                settings, null, null);
    }

    /** A registered host: a tcp monitor on it, when {@code mooring.monitor.host-port} is set. */
    @Transactional
    public void hostRegistered(HostRegistered host) {
        if (hostPort == null) {
            return;
        }
        MonitorDraft draft;
        try {
            draft = new MonitorDraft(null, "host " + host.name(), MonitorKind.TCP, host.name() + ":" + hostPort,
                    intervalSeconds, null);
        } catch (ProblemException e) {
            LOG.warn("host {} ({}): no monitor: {}", host.hostId(), host.name(), e.getMessage());
            return;
        }
        watch("host:" + host.hostId(), draft);
        dependencies.hostWatched(host.hostId());
    }

    /** Deletes the monitor made for {@code source} ({@code resource:<id>} or {@code host:<id>}); false when there is none. */
    @Transactional
    public boolean gone(String source) {
        Optional<UUID> id = find(source);
        id.ifPresent(registry::delete);
        return id.isPresent();
    }

    public static String resource(String resourceId) {
        return "resource:" + resourceId;
    }

    public static String host(String hostId) {
        return "host:" + hostId;
    }

    private void watch(String source, MonitorDraft draft) {
        Optional<UUID> existing = find(source);
        if (existing.isPresent()) {
            registry.update(existing.get(), new MonitorChanges(null, draft.target(), null, null, null, null, null, null));
            return;
        }
        String name = draft.name();
        if (monitors.nameTaken(draft.accountId(), name)) {
            name = name + " (" + source + ")";
        }
        Monitor monitor = registry.register(new MonitorDraft(draft.accountId(), name, draft.kind(), draft.target(),
                draft.intervalSeconds(), null, null, draft.settings(), null, null)).monitor();
        jdbc.prepareStatement("UPDATE monitor SET provisioned_for = ? WHERE id = ?", ps -> {
            ps.setString(1, source);
            ps.setObject(2, monitor.id());
            return ps.executeUpdate();
        });
    }

    private Optional<UUID> find(String source) {
        return jdbc.prepareStatement("SELECT id FROM monitor WHERE provisioned_for = ?", ps -> {
            ps.setString(1, source);
            try (ResultSet row = ps.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
        });
    }
}
