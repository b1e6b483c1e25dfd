package io.mooring.provisioner.resource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteDomainTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.org", "www.example.org", "a.b.c.d.example.co.uk", "xn--bcher-kva.example", "1st.example.com",
            "my-shop.example.io"})
    void acceptsFullyQualifiedHostNames(String domain) {
        assertThat(new SiteDomain(domain).value()).isEqualTo(domain);
    }

    @Test
    void lowerCasesWhatItParses() {
        assertThat(SiteDomain.parse("WWW.Example.ORG").value()).isEqualTo("www.example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "example.org.", ".example.org", "exa mple.org", "-shop.example.org",
            "shop-.example.org", "*.example.org", "shop..example.org", "10.0.0.1", "shop.example.123", "shöp.example.org",
            "shop_1.example.org", "example.org;", "example.org/path"})
    void rejectsWhatIsNotAHostName(String domain) {
        assertThatThrownBy(() -> new SiteDomain(domain)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUpperCaseWhenNotParsed() {
        assertThatThrownBy(() -> new SiteDomain("Example.org")).hasMessageContaining("lower case");
    }

    @Test
    void rejectsOverlongLabelsAndNames() {
        assertThatThrownBy(() -> new SiteDomain("a".repeat(64) + ".example.org")).hasMessageContaining("label");
        assertThat(new SiteDomain("a".repeat(63) + ".example.org").value()).hasSize(75);
        String longName = ("a".repeat(60) + ".").repeat(4) + "example.org";
        assertThatThrownBy(() -> new SiteDomain(longName)).hasMessageContaining("253");
    }

    @Test
    void rejectsAMissingDomain() {
        assertThatThrownBy(() -> SiteDomain.parse(null)).hasMessageContaining("required");
    }
}
