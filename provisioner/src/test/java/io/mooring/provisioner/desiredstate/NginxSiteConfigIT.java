package io.mooring.provisioner.desiredstate;

import io.mooring.stack.Ports;
import io.mooring.testing.Nginx;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rendered site configuration against the real nginx ({@code nginx -t}). */
class NginxSiteConfigIT {
    private static final UUID HOST = UUID.randomUUID();
    private static final UUID ACCOUNT = UUID.randomUUID();

    @Test
    void nginxAcceptsSitesOfEveryUpstreamKind() throws Exception {
        String longest = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
        List<Site> sites = HostSites.of(List.of(
                row("shop.example.org", "http://127.0.0.1:8080", false),
                row("Blog.Example.org", "http://localhost:3000/", false),
                row("v6.example.org", "https://[::1]:8443", false),
                row("social.example.org", "unix:/run/mooring/acme/puma.sock", false),
                row("paused.example.org", "http://127.0.0.1:9000", true),
                row(longest, "unix:/run/long.sock", false))).served();
        NginxSiteConfig nginx = new NginxSiteConfig(List.of("127.0.0.1:" + Ports.free()));

        Nginx.Check outcome = NginxCheck.test(nginx.render(HOST, sites));

        assertThat(outcome.accepted()).as(outcome.output()).isTrue();
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void nginxAcceptsHundredsOfLongDomainsWithoutWarnings() throws Exception {
        List<HostSites.Row> rows = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            rows.add(row("site-" + i + "." + "x".repeat(60) + "." + "y".repeat(60) + ".example.org", "http://127.0.0.1:" + (10000 + i), i % 7 == 0));
        }
        NginxSiteConfig nginx = new NginxSiteConfig(List.of("127.0.0.1:" + Ports.free()));

        Nginx.Check outcome = NginxCheck.test(nginx.render(HOST, HostSites.of(rows).served()));

        assertThat(outcome.accepted()).as(outcome.output()).isTrue();
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void theCheckCatchesABrokenConfiguration() throws Exception {
        NginxSiteConfig nginx = new NginxSiteConfig(List.of("127.0.0.1:" + Ports.free()));
        String broken = nginx.render(HOST, List.of()) + "server {\n    proxy_pass_everything on;\n}\n";

        Nginx.Check outcome = NginxCheck.test(broken);

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.output()).contains("proxy_pass_everything");
    }

    private static HostSites.Row row(String domain, String upstream, boolean suspended) {
        return new HostSites.Row(UUID.randomUUID(), ACCOUNT, domain, upstream, suspended);
    }
}
