package io.mooring.provisioner.resource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UpstreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:3000", "http://app:8080", "http://app.internal.example:1", "http://[::1]:8080",
            "http://[fd00::12:3]:65535", "unix:/run/mastodon/web.sock", "unix:/srv/acct_1/app-1.sock"})
    void acceptsHttpHostPortAndUnixSockets(String upstream) {
        assertThat(new Upstream(upstream).value()).isEqualTo(upstream);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:3000", "https://127.0.0.1:3000", "http://127.0.0.1", "http://127.0.0.1:0",
            "http://127.0.0.1:65536", "http://127.0.0.1:3000/", "http://127.0.0.1:3000/app", "http://user@app:80",
            "http://256.1.1.1:80", "http://App:80", "http://-app:80", "http://[::1:80", "http://[1]:80",
            "http://app:80;", "unix:", "unix:relative.sock", "unix:/run/../etc/x.sock", "unix:/run/./x.sock", "unix:/run/",
            "unix:/run//x.sock", "unix:/run/x sock", "unix:/run/x.sock;", "unix:/run/x:y.sock", "ftp://app:21"})
    void rejectsAnythingElse(String upstream) {
        assertThatThrownBy(() -> new Upstream(upstream)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {107, 108})
    void limitsSocketPathsToWhatUnixAllows(int length) {
        String path = "/" + "s".repeat(length - 1);
        if (length <= 107) {
            assertThat(new Upstream("unix:" + path).value()).endsWith(path);
        } else {
            assertThatThrownBy(() -> new Upstream("unix:" + path)).hasMessageContaining("107");
        }
    }
}
