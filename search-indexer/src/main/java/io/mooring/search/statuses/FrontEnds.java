package io.mooring.search.statuses;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/** Which instances' accounts a search token may act for ({@link FrontEndSettings}). */
@Singleton
public class FrontEnds {
    private final List<FrontEndSettings> frontEnds;

    public FrontEnds(List<FrontEndSettings> frontEnds) {
        for (FrontEndSettings frontEnd : frontEnds) {
            if (frontEnd.getToken() == null || frontEnd.getToken().isBlank()) {
                throw new IllegalArgumentException("mooring.search.front-ends." + frontEnd.getName() + ".token is required");
            }
        }
        this.frontEnds = List.copyOf(frontEnds);
    }

    /** The sources the token may act for; empty when the token is bound to none (any source). */
    public Optional<List<String>> sourcesOf(String token) {
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        return frontEnds.stream()
                .filter(f -> MessageDigest.isEqual(presented, f.getToken().getBytes(StandardCharsets.UTF_8)))
                .findFirst().map(FrontEndSettings::getSources);
    }
}
