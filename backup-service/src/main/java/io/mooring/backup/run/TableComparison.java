package io.mooring.backup.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** How a restored database differs from its manifest: missing or extra tables, and row counts that differ. */
final class TableComparison {
    private static final int SHOWN = 5;

    private TableComparison() {
    }

    /** Null when they agree; otherwise up to {@value #SHOWN} differences, for operators. */
    static String differences(String database, Map<String, Long> manifest, Map<String, Long> restored) {
        List<String> found = new ArrayList<>();
        for (String table : new TreeSet<>(manifest.keySet())) {
            Long count = restored.get(table);
            if (count == null) {
                found.add("table " + table + " is missing");
            } else if (!count.equals(manifest.get(table))) {
                found.add("table " + table + " has " + count + " rows, the manifest says " + manifest.get(table));
            }
        }
        for (String table : new TreeSet<>(restored.keySet())) {
            if (!manifest.containsKey(table)) {
                found.add("table " + table + " is not in the manifest");
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        String shown = String.join("; ", found.subList(0, Math.min(SHOWN, found.size())));
        return database + ": " + shown + (found.size() > SHOWN ? "; and " + (found.size() - SHOWN) + " more" : "");
    }
}
