package io.mooring.runtime.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A controller that exists only to exercise the HTTP conventions in tests. */
@Controller("/v1/widgets")
class WidgetController {
    private final DataSource dataSource;

    WidgetController(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Serdeable
    record Widget(@NotBlank @Pattern(regexp = "[a-z]+", message = "must be lowercase letters") String name,
                  @Min(1) @Max(10) int size) {
    }

    @Serdeable
    record Note(String text, int count, Long total, boolean urgent, List<String> tags) {
    }

    @Serdeable
    record Shelf(String name, Box box, List<Box> boxes) {
    }

    @Serdeable
    record Box(Lid lid) {
    }

    @Serdeable
    record Lid(boolean sealed) {
    }

    /** Binds a nested body: a refused value deep inside must be named by its whole path. */
    @Post("/shelves")
    String shelf(@Body Shelf shelf) {
        return shelf.name();
    }

    /** Takes any text: a body bound as it is, beyond the JSON policy, for the sweep to find. */
    @Post(value = "/echo", consumes = "application/json", produces = "text/plain")
    String echo(@Body String raw) {
        return raw;
    }

    /** Echoes the note it bound. */
    @Post("/notes")
    String note(@Body Note note) {
        return note.text() + " " + note.count() + " " + note.total() + " " + note.urgent() + " " + note.tags();
    }

    @Post
    HttpResponse<Widget> create(@Body @Valid Widget widget) {
        return HttpResponse.created(widget);
    }

    /** Echoes the query it bound, to show which values reach the code. */
    @Get
    String list(@Nullable @QueryValue Integer limit, @Nullable @QueryValue Boolean cordoned,
                @Nullable @QueryValue String name, @Nullable @QueryValue List<Long> ids) {
        return limit + " " + cordoned + " " + name + " " + ids;
    }

    @Get("/{name}")
    Widget get(@PathVariable String name) {
        throw ProblemException.notFound("widget", name);
    }

    /** Updates the widget's row: waits for as long as another transaction holds its lock. */
    @Get("/{name}/touch")
    @Transactional
    HttpResponse<Void> touch(@PathVariable String name) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE widget SET touched = touched + 1 WHERE name = ?")) {
            update.setString(1, name);
            update.executeUpdate();
        }
        return HttpResponse.noContent();
    }
}
