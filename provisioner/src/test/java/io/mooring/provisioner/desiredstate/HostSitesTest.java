package io.mooring.provisioner.desiredstate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class HostSitesTest {
    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void servesSitesInDomainOrderWhateverTheRowOrder() {
        HostSites.Row b = row("b.example.org", "http://127.0.0.1:2");
        HostSites.Row a = row("a.example.org", "http://127.0.0.1:1");
        HostSites.Row c = row("c.example.org", "unix:/run/c.sock");

        HostSites sites = HostSites.of(List.of(c, a, b));

        assertThat(sites.served()).extracting(Site::domain).containsExactly("a.example.org", "b.example.org", "c.example.org");
        assertThat(HostSites.of(List.of(b, c, a))).isEqualTo(sites);
        assertThat(sites.rejected()).isEmpty();
    }

    @Test
    void leavesOutARowThatWouldBreakTheConfigurationAndSaysWhy() {
        HostSites.Row good = row("good.example.org", "http://127.0.0.1:8080");
        HostSites.Row bad = row("bad.example.org", "http://127.0.0.1:8080; include /etc/passwd");

        HostSites sites = HostSites.of(List.of(good, bad));

        assertThat(sites.served()).extracting(Site::domain).containsExactly("good.example.org");
        assertThat(sites.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.resourceId()).isEqualTo(bad.resourceId());
            assertThat(rejected.domain()).isEqualTo("bad.example.org");
            assertThat(rejected.reason()).contains("upstream");
        });
    }

    @Test
    void theOlderSiteKeepsADomainThatDiffersOnlyInCase() {
        HostSites.Row older = new HostSites.Row(UUID.fromString("01900000-0000-7000-8000-000000000001"), ACCOUNT,
                "shop.example.org", "http://127.0.0.1:1", false);
        HostSites.Row newer = new HostSites.Row(UUID.fromString("01900000-0000-7000-8000-000000000002"), ACCOUNT,
                "SHOP.example.org", "http://127.0.0.1:2", false);

        HostSites sites = HostSites.of(List.of(newer, older));

        assertThat(sites.served()).extracting(Site::resourceId).containsExactly(older.resourceId());
        assertThat(sites.rejected()).extracting(RejectedSite::resourceId).containsExactly(newer.resourceId());
        assertThat(sites.rejected().getFirst().reason()).contains("already served");
    }

    private static HostSites.Row row(String domain, String upstream) {
        return new HostSites.Row(UUID.randomUUID(), ACCOUNT, domain, upstream, false);
    }
}
