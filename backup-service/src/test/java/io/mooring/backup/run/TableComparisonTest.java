package io.mooring.backup.run;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TableComparisonTest {

    @Test
    void identicalTablesAndCountsAgree() {
        assertThat(TableComparison.differences("main", Map.of("public.users", 3L), Map.of("public.users", 3L))).isNull();
    }

    @Test
    void namesMissingExtraTablesAndDifferentCounts() {
        String found = TableComparison.differences("main",
                Map.of("public.users", 3L, "public.posts", 10L),
                Map.of("public.users", 2L, "public.tags", 1L));

        assertThat(found).startsWith("main: ")
                .contains("table public.posts is missing")
                .contains("table public.users has 2 rows, the manifest says 3")
                .contains("table public.tags is not in the manifest");
    }
}
