package io.mooring.search.statuses;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * OpenSearch's built-in language analyzers, by BCP 47 language tag. A status in one of these
 * languages gets its text analyzed by that language's analyzer too (stemming, stop words), in a field
 * of its own ({@code text_<analyzer>}); every status has {@code text}, analyzed by the standard
 * analyzer.
 */
final class StatusLanguages {
    private static final Map<String, String> ANALYZERS = Map.ofEntries(
            Map.entry("ar", "arabic"), Map.entry("bg", "bulgarian"), Map.entry("ca", "catalan"),
            Map.entry("cs", "czech"), Map.entry("da", "danish"), Map.entry("de", "german"),
            Map.entry("el", "greek"), Map.entry("en", "english"), Map.entry("es", "spanish"),
            Map.entry("eu", "basque"), Map.entry("fa", "persian"), Map.entry("fi", "finnish"),
            Map.entry("fr", "french"), Map.entry("ga", "irish"), Map.entry("gl", "galician"),
            Map.entry("hi", "hindi"), Map.entry("hu", "hungarian"), Map.entry("hy", "armenian"),
            Map.entry("id", "indonesian"), Map.entry("it", "italian"), Map.entry("ja", "cjk"),
            Map.entry("ko", "cjk"), Map.entry("lt", "lithuanian"), Map.entry("lv", "latvian"),
            Map.entry("nb", "norwegian"), Map.entry("nl", "dutch"), Map.entry("nn", "norwegian"),
            Map.entry("no", "norwegian"), Map.entry("pt", "portuguese"), Map.entry("pt-br", "brazilian"),
            Map.entry("ro", "romanian"), Map.entry("ru", "russian"), Map.entry("sv", "swedish"),
            Map.entry("th", "thai"), Map.entry("tr", "turkish"), Map.entry("zh", "cjk"));

    private StatusLanguages() {
    }

    /** The analyzer for a language tag ({@code en}, {@code pt-BR}, {@code en-GB}), if OpenSearch has one. */
    static Optional<String> analyzerOf(String language) {
        if (language == null) {
            return Optional.empty();
        }
        String tag = language.toLowerCase(Locale.ROOT);
        if (ANALYZERS.containsKey(tag)) {
            return Optional.of(ANALYZERS.get(tag));
        }
        int dash = tag.indexOf('-');
        return Optional.ofNullable(ANALYZERS.get(dash < 0 ? tag : tag.substring(0, dash)));
    }

    static Set<String> analyzers() {
        return new TreeSet<>(ANALYZERS.values());
    }
}
