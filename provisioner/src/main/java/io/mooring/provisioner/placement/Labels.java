package io.mooring.provisioner.placement;

import io.mooring.runtime.http.ProblemException;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Placement labels such as {@code tier=gold}: keys are lowercase names (letters, digits, {@code .-_/}),
 * values 1–63 characters of letters, digits and {@code .-_}; at most 32 per host or account.
 */
public final class Labels {
    public static final int MAX = 32;
    private static final Pattern KEY = Pattern.compile("[a-z0-9]([a-z0-9._/-]{0,61}[a-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");

    private Labels() {
    }

    /**
     * A sorted, immutable copy of {@code labels} ({@code null} becomes empty), or a 400 problem
     * naming {@code field.key} for the first bad entry.
     */
    public static SortedMap<String, String> checked(Map<String, String> labels, String field) {
        if (labels == null) {
            return Collections.emptySortedMap();
        }
        if (labels.size() > MAX) {
            throw ProblemException.invalid(field, "at most " + MAX + " labels");
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (label.getKey() == null || !KEY.matcher(label.getKey()).matches()) {
                throw ProblemException.invalid(field, "label key '" + label.getKey()
                        + "' must be lowercase letters, digits or .-_/ (at most 63), starting and ending with a letter or digit");
            }
            if (label.getValue() == null || !VALUE.matcher(label.getValue()).matches()) {
                throw ProblemException.invalid(field + "." + label.getKey(), "label value must be 1-63 letters, digits or .-_, "
                        + "starting and ending with a letter or digit");
            }
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    }

    /** Parses a {@code key:value} filter (query parameter {@code field}). */
    public static Map.Entry<String, String> parseFilter(String filter, String field) {
        int colon = filter.indexOf(':');
        if (colon <= 0 || colon == filter.length() - 1) {
            throw ProblemException.invalid(field, "must look like key:value, was '" + filter + "'");
        }
        Map<String, String> one = checked(Map.of(filter.substring(0, colon), filter.substring(colon + 1)), field);
        return one.entrySet().iterator().next();
    }

    /** True when {@code host} carries every label of {@code required}. */
    public static boolean matchAll(Map<String, String> host, Map<String, String> required) {
        return required.entrySet().stream().allMatch(r -> r.getValue().equals(host.get(r.getKey())));
    }

    /** {@code a=1,b=2}, in key order. */
    public static String format(Map<String, String> labels) {
        return new TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
