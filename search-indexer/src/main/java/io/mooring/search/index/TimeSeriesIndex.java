package io.mooring.search.index;

import org.opensearch.client.opensearch._types.mapping.TypeMapping;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Monthly indices ({@code <alias>-YYYY.MM}, by the document's time in UTC) behind one alias, made
 * from an index template of the same name as the alias that this service owns. Reads name the
 * alias; writes name the month's index.
 */
public record TimeSeriesIndex(String alias, TypeMapping mapping) {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu.MM");

    public TimeSeriesIndex {
        // the same rules as a managed index's names
        new ManagedIndex(alias, alias + "-0000.00", mapping);
        Objects.requireNonNull(mapping, "mapping");
    }

    /** The index pattern of the template: every month's index. */
    public String pattern() {
        return alias + "-*";
    }

    public String indexFor(Instant time) {
        return indexFor(YearMonth.from(time.atOffset(ZoneOffset.UTC)));
    }

    public String indexFor(YearMonth month) {
        return alias + "-" + MONTH.format(month);
    }

    /** The month of one of this series' indices; empty for any other index (e.g. an older versioned one). */
    public Optional<YearMonth> monthOf(String index) {
        if (!index.startsWith(alias + "-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(index.substring(alias.length() + 1), MONTH));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
