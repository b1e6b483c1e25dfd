package io.mooring.search.mastodon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The webhook bodies under {@code src/test/resources/mastodon}, written from Mastodon's documented entities. */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mastodon/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
