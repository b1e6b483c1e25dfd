package io.mooring.provisioner.desiredstate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteTest {

    @Test
    void proxiesToAnHttpUpstreamAsItIs() {
        assertThat(site("shop.example.org", "http://10.0.0.7:8080").proxyPass()).isEqualTo("http://10.0.0.7:8080");
        assertThat(site("shop.example.org", "http://app.internal:3000/").proxyPass()).isEqualTo("http://app.internal:3000");
        assertThat(site("shop.example.org", "https://[::1]:8443").proxyPass()).isEqualTo("https://[::1]:8443");
    }

    @Test
    void proxiesToAUnixSocketInNginxsSpelling() {
        assertThat(site("shop.example.org", "unix:/run/mooring/acme/web.sock").proxyPass())
                .isEqualTo("http://unix:/run/mooring/acme/web.sock:");
    }

    @Test
    void lowercasesTheDomain() {
        assertThat(site("Shop.Example.ORG", "http://127.0.0.1:80").domain()).isEqualTo("shop.example.org");
    }

    @Test
    void acceptsTheLongestLegalDomain() {
        String domain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

        assertThat(site(domain, "http://127.0.0.1:80").domain()).hasSize(253);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "exa mple.org", "example.org;", "a{b}.org", "-bad.example.org", "bad-.example.org",
            "*.example.org", "example..org", "éxample.org", "$host", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z."})
    void refusesADomainThatIsNotAHostname(String domain) {
        assertThatThrownBy(() -> site(domain, "http://127.0.0.1:8080")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesADomainLongerThan253Characters() {
        String domain = ("a".repeat(63) + ".").repeat(4) + "org";

        assertThatThrownBy(() -> site(domain, "http://127.0.0.1:8080")).hasMessageContaining("not a hostname");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:8080", "ftp://127.0.0.1:21", "http://127.0.0.1:0", "http://127.0.0.1:70000",
            "http://127.0.0.1:8080/app", "http://127.0.0.1:8080;", "http://$host:80", "http://999.0.0.1:80",
            "http://[zz::1]:80", "http://a b:80", "unix:relative.sock", "unix:/run/a b.sock", "unix:/run/a;b.sock",
            "unix:/run/a}.sock", "unix:/run/../etc/shadow", "unix:/run/a.sock:", "unix:/"})
    void refusesAnUpstreamNginxCouldMisread(String upstream) {
        assertThatThrownBy(() -> site("shop.example.org", upstream)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAMissingDomainOrUpstream() {
        assertThatThrownBy(() -> site(null, "http://127.0.0.1:80")).hasMessageContaining("no domain");
        assertThatThrownBy(() -> site("shop.example.org", null)).hasMessageContaining("no upstream");
    }

    private static Site site(String domain, String upstream) {
        return new Site(UUID.randomUUID(), UUID.randomUUID(), domain, upstream, false);
    }
}
