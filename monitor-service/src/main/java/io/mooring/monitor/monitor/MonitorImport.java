package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.heartbeat.HeartbeatDeadlines;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.monitor.schedule.CheckQueue;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemBodyProvider;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Many monitors at once, all or nothing: every item is read and validated (also against the names taken, and
 * against the other items) before anything is written; one invalid item refuses the whole batch with a problem
 * naming every failed field of every item ({@code [3].target}, or for NDJSON {@code line 4: target}). A valid
 * batch is written in one transaction with batched inserts, each monitor with its {@code MonitorCreated}.
 */
@Singleton
public class MonitorImport {
    private final JsonMapper json;
    private final Validator validator;
    private final MonitorRepository monitors;
    private final HeartbeatDeadlines deadlines;
    private final JdbcOperations jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final CheckQueue queue;

    public MonitorImport(JsonMapper json, Validator validator, MonitorRepository monitors, HeartbeatDeadlines deadlines,
                         JdbcOperations jdbc, Outbox outbox, Clock clock, CheckQueue queue) {
        this.queue = queue;
        this.json = json;
        this.validator = validator;
        this.monitors = monitors;
        this.deadlines = deadlines;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A valid item: what to create. */
    public record Item(int index, int line, MonitorDraft draft, @Nullable HeartbeatSchedule schedule) {
    }

    /** What one created item became; {@code line} 0 for an array's item. */
    public record Created(int index, int line, MonitorRegistry.Registered registered) {
    }

    /**
     * The items of a JSON array ({@code ndjson} false) or of newline-delimited JSON, each validated.
     *
     * @throws ProblemException 400 when the body cannot be read as a whole, or naming every failed field of every
     *                          item; 413 beyond {@code maxItems}
     */
    @Transactional(readOnly = true)
    public List<Item> read(String body, boolean ndjson, int maxItems) {
        List<Source> sources = ndjson ? lines(body, maxItems) : array(body, maxItems);
        if (sources.isEmpty()) {
            throw ProblemException.invalid("request", "holds no monitor");
        }
        List<Item> items = new ArrayList<>(sources.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            try {
                items.add(item(i, source));
            } catch (ProblemException e) {
                List<Problem.FieldError> found = e.toProblem(null).errors();
                if (found == null || found.isEmpty()) {
                    errors.add(new Problem.FieldError(source.label(null), e.getMessage()));
                } else {
                    found.forEach(f -> errors.add(new Problem.FieldError(source.label(f.field()), f.message())));
                }
            }
        }
        errors.addAll(namesTaken(items, sources));
        if (!errors.isEmpty()) {
            long failed = errors.stream().map(e -> e.field().replaceAll("(^\\[\\d+]|^line \\d+).*", "$1")).distinct().count();
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    failed + " of " + sources.size() + " monitors are invalid; none was imported", errors);
        }
        return items;
    }

    /** Creates every item in one transaction; a name taken meanwhile refuses them all (409). */
    @Transactional
    public List<Created> create(List<Item> items) {
        Instant now = clock.instant();
        List<Monitor> rows = new ArrayList<>(items.size());
        List<Created> created = new ArrayList<>(items.size());
        for (Item item : items) {
            MonitorDraft draft = item.draft();
            HeartbeatToken token = draft.kind() == MonitorKind.HEARTBEAT ? HeartbeatToken.generate() : null;
            Monitor monitor = new Monitor(Ids.next(), draft.accountId(), draft.name(), draft.kind(), draft.target(),
                    draft.intervalSeconds(), draft.graceSeconds(), MonitorState.UNKNOWN,
                    token == null ? null : token.sha256(), now, now, draft.settings(), draft.timeoutSeconds(),
                    draft.failureThreshold(), draft.successThreshold());
            rows.add(monitor);
            created.add(new Created(item.index(), item.line(), new MonitorRegistry.Registered(monitor, token, item.schedule())));
        }
        try {
            monitors.saveAll(rows);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            if (MonitorRegistry.isUniqueViolation(e)) {
                throw ProblemException.conflict("monitor-exists", "a monitor of the import was created meanwhile under "
                        + "the same name; none was imported");
            }
            throw e;
        }
        place(rows, now);
        List<MonitorCreated> events = new ArrayList<>(created.size());
        for (Created one : created) {
            Monitor monitor = one.registered().monitor();
            if (monitor.kind() == MonitorKind.HEARTBEAT) {
                deadlines.schedule(monitor.id(), one.registered().schedule());
                deadlines.expect(monitor.id(), now);
            }
            events.add(new MonitorCreated(monitor.id().toString(), monitor.accountId(), monitor.name(),
                    monitor.kind().wireName(), MonitorRegistry.eventTarget(monitor)));
        }
        outbox.appendAllData(events);
        return created;
    }

    /** Puts each monitor at its first check slot. */
    private void place(List<Monitor> rows, Instant now) {
        java.util.Map<UUID, Integer> intervals = new java.util.HashMap<>();
        rows.forEach(monitor -> intervals.put(monitor.id(), monitor.intervalSeconds()));
        queue.placeAll(intervals, now);
    }

    /** One item of the body: its JSON, or why it could not be read; {@code line} 0 for an array's item. */
    private record Source(int index, int line, @Nullable JsonNode node, @Nullable String unreadable) {
        String label(@Nullable String field) {
            boolean whole = field == null || field.equals("request");
            if (line > 0) {
                return "line " + line + (whole ? "" : ": " + field);
            }
            return "[" + index + "]" + (whole ? "" : (field.startsWith("[") ? "" : ".") + field);
        }
    }

    private Item item(int index, Source source) {
        if (source.unreadable() != null) {
            throw ProblemException.invalid("request", source.unreadable());
        }
        if (source.node() == null || !source.node().isObject()) {
            throw ProblemException.invalid("request", "must be a JSON object (a monitor)");
        }
        MonitorController.CreateMonitor request;
        try {
            request = json.readValueFromTree(source.node(), MonitorController.CreateMonitor.class);
        } catch (IOException | RuntimeException e) {
            Problem.FieldError error = ProblemBodyProvider.jsonValueError(e)
                    .or(() -> ProblemBodyProvider.unknownProperty(e.getMessage())
                            .map(field -> new Problem.FieldError(field, ProblemBodyProvider.UNKNOWN_FIELD)))
                    .orElseGet(() -> new Problem.FieldError("request", shortMessage(e)));
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    error.field() + ": " + error.message(), List.of(error));
        }
        if (request == null) {
            throw ProblemException.invalid("request", "must be a JSON object (a monitor)");
        }
        Set<ConstraintViolation<MonitorController.CreateMonitor>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
            throw new ProblemException(io.micronaut.http.HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                    errors.getFirst().field() + ": " + errors.getFirst().message(), errors);
        }
        MonitorDraft draft = request.toDraft();
        HeartbeatSchedule schedule = HeartbeatSchedule.parse(request.schedule(), request.timeZone());
        if (schedule != null && draft.kind() != MonitorKind.HEARTBEAT) {
            throw ProblemException.invalid("schedule", "applies to heartbeat monitors only");
        }
        return new Item(index, source.line(), draft, schedule);
    }

    private List<Source> array(String body, int maxItems) {
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw ProblemException.invalid("request", "must be a JSON array of monitors (or NDJSON, one monitor a line, "
                    + "sent as application/x-ndjson): " + shortMessage(e));
        }
        if (root == null || !root.isArray()) {
            throw ProblemException.invalid("request", "must be a JSON array of monitors");
        }
        requireAtMost(root.size(), maxItems);
        List<Source> sources = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            sources.add(new Source(i, 0, root.get(i), null));
        }
        return sources;
    }

    private List<Source> lines(String body, int maxItems) {
        String[] lines = body.split("\n", -1);
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            requireAtMost(sources.size() + 1, maxItems);
            try {
                sources.add(new Source(sources.size(), i + 1, json.readValue(line, JsonNode.class), null));
            } catch (IOException | RuntimeException e) {
                sources.add(new Source(sources.size(), i + 1, null, "is not a JSON object: " + shortMessage(e)));
            }
        }
        return sources;
    }

    private static void requireAtMost(int items, int maxItems) {
        if (items > maxItems) {
            throw new ProblemException(io.micronaut.http.HttpStatus.REQUEST_ENTITY_TOO_LARGE, "too-many-monitors",
                    "Too many monitors", "an import holds at most " + maxItems + " monitors; split it");
        }
    }

    /** Items whose name is taken: by a monitor of the same account (or the platform), or by an earlier item. */
    private List<Problem.FieldError> namesTaken(List<Item> items, List<Source> sources) {
        if (items.isEmpty()) {
            return List.of();
        }
        Set<String> taken = jdbc.prepareStatement("SELECT account_id, name FROM monitor WHERE name = ANY(?)", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", items.stream().map(i -> i.draft().name()).toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet row = ps.executeQuery()) {
                while (row.next()) {
                    found.add(owner(row.getString(1), row.getString(2)));
                }
            }
            return found;
        });
        Map<String, Integer> seen = new HashMap<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (Item item : items) {
            String key = owner(item.draft().accountId(), item.draft().name());
            Source source = sources.get(item.index());
            Integer earlier = seen.putIfAbsent(key, item.index());
            String whose = item.draft().accountId() == null ? "the platform" : "account " + item.draft().accountId();
            if (taken.contains(key)) {
                errors.add(new Problem.FieldError(source.label("name"), whose + " already has a monitor named " + item.draft().name()));
            } else if (earlier != null) {
                errors.add(new Problem.FieldError(source.label("name"), "the same as " + sources.get(earlier).label(null)
                        + "'s: names are unique per account"));
            }
        }
        return errors;
    }

    private static String owner(@Nullable String accountId, String name) {
        return (accountId == null ? "" : "a:" + accountId) + "\n" + name;
    }

    private static String shortMessage(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.lines().findFirst().orElse(message);
        message = message.chars().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
