package io.mooring.search.mastodon;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The configured Mastodon instances by the name in their webhook URL; checked at start. */
@Singleton
public class MastodonSources {
    // the events' source pattern (StatusSnapshot#source)
    private static final Pattern INSTANCE = Pattern.compile("^[^\\s:]+$");
    private final Map<String, MastodonSource> byName;

    public MastodonSources(List<MastodonSource> sources) {
        for (MastodonSource source : sources) {
            String prefix = "mooring.search.mastodon.sources." + source.getName();
            if (source.getSecret() == null || source.getSecret().isBlank()) {
                throw new IllegalArgumentException(prefix + ".secret is required (or its _SECRET_FILE)");
            }
            if (!INSTANCE.matcher(source.getInstance()).matches()) {
                throw new IllegalArgumentException(prefix + ".instance must be a host name, without spaces or ':'");
            }
        }
        this.byName = sources.stream().collect(Collectors.toUnmodifiableMap(MastodonSource::getName, Function.identity()));
    }

    public Optional<MastodonSource> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
