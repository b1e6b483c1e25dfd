package io.mooring.chatops.message;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the relay knows for ids (accounts, monitors), so that messages say {@code account acme} rather than a
 * UUID. An id without a known name stays as it is.
 */
public interface Naming {
    /** Knows no names: messages keep their ids. */
    Naming NONE = ids -> Map.of();

    Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** The known names of some of {@code ids}, by id. */
    Map<String, String> names(Collection<String> ids);

    /** The name of {@code id}, or the id itself. */
    default String nameOf(String id) {
        return id == null ? null : names(Set.of(id)).getOrDefault(id, id);
    }

    /** {@code text} with every id that has a known name replaced by that name. */
    default String named(String text) {
        Set<String> ids = new LinkedHashSet<>();
        Matcher found = ID.matcher(text);
        while (found.find()) {
            ids.add(found.group());
        }
        if (ids.isEmpty()) {
            return text;
        }
        Map<String, String> names = names(ids);
        if (names.isEmpty()) {
            return text;
        }
        return ID.matcher(text).replaceAll(match -> Matcher.quoteReplacement(names.getOrDefault(match.group(), match.group())));
    }
}
