package io.mooring.chatops.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.chatops.delivery.LedgerUnavailableException;
import io.mooring.chatops.queue.QueuedPost;
import io.mooring.chatops.queue.TargetDelivery;
import io.mooring.chatops.queue.TargetQueues;
import io.mooring.runtime.http.MergePatch;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The targets: those of the settings ({@code source: settings}) and of the targets file ({@code file}), read-only
 * here, and those created here ({@code api}). Secrets are write-only: answers say {@code secretSet} and name the
 * secrets, and show the host of the URL only.
 */
@Tag(name = "targets")
@Controller("/v1/targets")
public class TargetController {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final String CURSOR_VERSION = "n1:";
    static final int MAX_QUEUE_ENTRIES = 100;

    private final WebhookTargets targets;
    private final TargetAdmin admin;
    private final TargetQueues queues;
    private final IdempotentRequests idempotent;
    private final Clock clock;
    private final JsonMapper json;

    public TargetController(WebhookTargets targets, TargetAdmin admin, TargetQueues queues, IdempotentRequests idempotent,
                            Clock clock, JsonMapper json) {
        this.json = json;
        this.targets = targets;
        this.admin = admin;
        this.queues = queues;
        this.idempotent = idempotent;
        this.clock = clock;
    }

    /**
     * A target as the API shows it: the host of its URL and the names of its secrets, never their values.
     *
     * @param source    {@code settings}, {@code file} (both read-only here) or {@code api}
     * @param secretSet whether its secrets are set (always, for a valid target)
     * @param secrets   the names of the secrets it holds, e.g. {@code url}
     * @param delivery  its own delivery settings (unset fields take the global ones)
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TargetView(String name, String kind, String source, String host, boolean secretSet,
                             List<String> secrets, Map<String, String> options, List<String> eventTypes,
                             TargetDelivery delivery, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
        static TargetView of(ManagedTarget managed) {
            WebhookTarget target = managed.target();
            return new TargetView(target.name(), target.kind().configName(), managed.source(), target.host(),
                    !managed.secretNames().isEmpty(), managed.secretNames(), managed.options(), target.eventTypes(),
                    managed.delivery(), managed.createdAt(), managed.updatedAt());
        }
    }

    /**
     * A target's queue.
     *
     * @param length        messages waiting
     * @param oldestQueuedAt when the oldest was queued; null when the queue is empty
     * @param oldestAge     how long the oldest has waited, in whole seconds, written as the API writes delivery durations
     *                      ({@code 0s}, {@code 95s}, {@code 2m}, {@code 3h}); null when the queue is empty
     * @param entries       the first {@code limit} messages, oldest first
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueueView(String target, long length, @Nullable Instant oldestQueuedAt, @Nullable String oldestAge,
                            List<QueueEntry> entries) {
    }

    /** A queued message, without its event's payload. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueueEntry(String id, UUID eventId, String type, String subject, OffsetDateTime time, Instant queuedAt,
                             String message, @Nullable String group) {
        static QueueEntry of(TargetQueues.Entry entry) {
            QueuedPost post = entry.post();
            return new QueueEntry(entry.id(), post.eventId(), post.type(), post.subject(), post.time(), post.queuedAt(),
                    post.message(), post.group() == null ? null : post.group().key());
        }
    }

    /** What a purge removed. */
    @Serdeable
    public record Purged(String target, long purged) {
    }

    /** Creates a target (201, {@code Location}); an {@code Idempotency-Key} makes a retry answer the same. */
    @Post
    public HttpResponse<?> create(HttpRequest<?> http, @Body TargetSpec spec,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        TargetRules.check(spec, ManagedTarget.API, null, null);
        return idempotent.run(http, idempotencyKey, spec, () -> {
            ManagedTarget created = store(() -> admin.create(spec));
            return HttpResponse.created(TargetView.of(created), URI.create("/v1/targets/" + created.name()));
        });
    }

    /** Every target, by name, in pages of {@code limit} (1 to 200, default 50). */
    @Get
    public Page<TargetView> list(@QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        int size = PageRequest.of(limit, null).limit();
        String after = cursor == null || cursor.isBlank() ? null : decode(cursor);
        List<TargetView> fetched = store(targets::managed).stream()
                .map(TargetView::of)
                .sorted(java.util.Comparator.comparing(TargetView::name))
                .filter(t -> after == null || t.name().compareTo(after) > 0)
                .limit(size + 1L).toList();
        if (fetched.size() <= size) {
            return new Page<>(fetched, null);
        }
        List<TargetView> items = fetched.subList(0, size);
        return new Page<>(items, encode(items.getLast().name()));
    }

    @Get("/{name}")
    public TargetView get(@PathVariable String name) {
        return TargetView.of(find(name));
    }

    /**
     * Changes a target created here by a JSON merge patch: members given replace its own ({@code secrets},
     * {@code options} and {@code delivery} key by key), null ones go back to their defaults, absent ones stay.
     */
    @Patch(value = "/{name}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a target", description = "A JSON merge patch (RFC 7396) of kind, secrets, options, "
            + "eventTypes and delivery: secrets, options and delivery are merged key by key; null sets a member back "
            + "to its default (a delivery field to the global setting, a secret or option to none).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = TargetSpec.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetSpec.class))})
    public TargetView update(@PathVariable String name, @Body String body) {
        find(name);
        // read here, not bound: a merge patch tells "set to null" from "left out", a bound record cannot
        MergePatch<TargetSpec> patch = MergePatch.read(json, body, TargetSpec.class);
        return TargetView.of(store(() -> admin.update(name, patch.value(), patch.members())));
    }

    /** Deletes a target created here: its worker stops and its queue is removed, each message logged as purged. */
    @Delete("/{name}")
    public HttpResponse<Void> delete(@PathVariable String name) {
        find(name);
        store(() -> {
            admin.delete(name);
            return null;
        });
        return HttpResponse.noContent();
    }

    /** The target's queue: its length, the age of its oldest message and its first {@code limit} (1 to 100, default 20). */
    @Get("/{name}/queue")
    public QueueView queue(@PathVariable String name, @QueryValue @Nullable Integer limit) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > MAX_QUEUE_ENTRIES) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_QUEUE_ENTRIES);
        }
        find(name);
        return store(() -> {
            long length = queues.length(name);
            List<TargetQueues.Entry> entries = queues.peek(name, size);
            Instant oldest = entries.isEmpty() ? null : entries.getFirst().post().queuedAt();
            String age = oldest == null ? null
                    : TargetDelivery.text(Duration.ofSeconds(Math.max(0, Duration.between(oldest, clock.instant()).toSeconds())));
            return new QueueView(name, length, oldest, age, entries.stream().map(QueueEntry::of).toList());
        });
    }

    /** Empties the target's queue; every message removed is logged in the delivery log as {@code purged}. */
    @Delete("/{name}/queue")
    public Purged purge(@PathVariable String name) {
        find(name);
        return new Purged(name, store(() -> queues.purge(name, "purged through the API", clock.instant())));
    }

    private ManagedTarget find(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", "no target has this name");
        }
        return store(() -> targets.find(name)).orElseThrow(() -> ProblemException.notFound("target", name));
    }

    private static String encode(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_VERSION + name).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(CURSOR_VERSION) || !NAME.matcher(text.substring(CURSOR_VERSION.length())).matches()) {
                throw new IllegalArgumentException("not a target cursor");
            }
            return text.substring(CURSOR_VERSION.length());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API handed out");
        }
    }

    private static <T> T store(Supplier<T> action) {
        try {
            return action.get();
        } catch (LedgerUnavailableException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                    "the targets cannot be read or written now; try again later");
        }
    }
}
