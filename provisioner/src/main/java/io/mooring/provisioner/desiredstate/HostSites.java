package io.mooring.provisioner.desiredstate;

import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sites a host serves, from the ready site resources of its accounts. A row that would not make
 * a valid server block (bad domain or upstream, or a domain already served) is rejected, logged and
 * reported rather than written into the configuration, so one bad row cannot break a host's web
 * server.
 *
 * @param served   the sites, ordered by domain
 * @param rejected the rows left out, ordered by resource id
 */
record HostSites(List<Site> served, List<RejectedSite> rejected) {
    private static final Logger LOG = LoggerFactory.getLogger(HostSites.class);

    /** A ready site resource as stored. */
    record Row(UUID resourceId, UUID accountId, @Nullable String domain, @Nullable String upstream, boolean suspended) {
    }

    static HostSites of(List<Row> rows) {
        Map<String, Site> byDomain = new HashMap<>();
        List<RejectedSite> rejected = new ArrayList<>();
        // the oldest resource (smallest UUIDv7) keeps a domain that differs from another only in case
        for (Row row : rows.stream().sorted(Comparator.comparing(Row::resourceId)).toList()) {
            Site site;
            try {
                site = new Site(row.resourceId(), row.accountId(), row.domain(), row.upstream(), row.suspended());
            } catch (IllegalArgumentException e) {
                rejected.add(reject(row, e.getMessage()));
                continue;
            }
            Site holder = byDomain.putIfAbsent(site.domain(), site);
            if (holder != null) {
                rejected.add(reject(row, "domain " + site.domain() + " is already served by site " + holder.resourceId()));
            }
        }
        List<Site> served = byDomain.values().stream().sorted(Comparator.comparing(Site::domain)).toList();
        return new HostSites(served, List.copyOf(rejected));
    }

    private static RejectedSite reject(Row row, String reason) {
        LOG.warn("site {} of account {} left out of the web-server configuration: {}", row.resourceId(), row.accountId(), reason);
        return new RejectedSite(row.resourceId(), row.accountId(), row.domain(), reason);
    }
}
