package io.mooring.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReadmeTest {

    private static final Pattern TYPE_IN_TABLE = Pattern.compile("^\\| `(mooring\\.[a-z.-]+\\.v[0-9]+)` \\|", Pattern.MULTILINE);
    private static final Pattern ANY_TYPE = Pattern.compile("mooring(\\.[a-z][a-z0-9-]*){3}\\.v[0-9]+\\b");

    @Test
    void listsExactlyTheCataloguedTypes() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        assertThat(matches(TYPE_IN_TABLE, readme, 1)).isEqualTo(EventCatalog.types());
        assertThat(matches(ANY_TYPE, readme, 0)).isSubsetOf(EventCatalog.types());
    }

    private static Set<String> matches(Pattern pattern, String text, int group) {
        Set<String> found = new HashSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }
}
