package io.mooring.chatops.queue;

import io.mooring.chatops.message.Naming;
import io.mooring.events.MooringEvent;
import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
import io.mooring.events.monitoring.MonitorStateChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which queued events are posted together as one message, and what that message says: state changes of monitors to
 * the same state (and of the same account, when known) queued for one target within {@code group-wait} become
 * "🔴 12 monitors are DOWN: a, b, c and 9 more"; monitors of one account paused or resumed for the same reason
 * (an account suspended, resumed) become "⏸️ 300 monitors of account acme paused (account suspended: unpaid): a, b, c
 * and 297 more". Changes caused by a chat command are not grouped.
 */
public final class Grouping {
    static final int NAMED = 3;

    private Grouping() {
    }

    /** The group an event belongs to; empty when it is posted on its own. */
    public static Optional<QueuedPost.Group> groupOf(MooringEvent event, String message) {
        return groupOf(event, message, Naming.NONE);
    }

    /** The group an event belongs to, its account and monitor named as {@code naming} knows them. */
    public static Optional<QueuedPost.Group> groupOf(MooringEvent event, String message, Naming naming) {
        return Optional.ofNullable(switch (event) {
            case MonitorStateChanged e when e.commandId() == null ->
                    monitors(MonitorStateChanged.class.getSimpleName() + "|" + e.to(), "are " + e.to(), e.accountId(),
                            e.monitorId(), message, naming);
            case MonitorPaused e when e.commandId() == null ->
                    monitors("paused|" + e.reason(), "paused (" + e.reason() + ")", e.accountId(), e.monitorId(), message, naming);
            case MonitorResumed e when e.commandId() == null ->
                    monitors("resumed|" + e.reason(), "resumed (" + e.reason() + ")", e.accountId(), e.monitorId(), message,
                            naming);
            default -> null;
        });
    }

    /** The group of monitors (of one account, when known) that {@code what} happened to, keyed by {@code kind}. */
    private static QueuedPost.Group monitors(String kind, String what, String accountId, String monitorId, String message,
                                             Naming naming) {
        String icon = message.substring(0, message.indexOf(' '));
        String phrase = "monitors " + (accountId == null ? "" : "of account " + naming.nameOf(accountId) + " ") + what;
        return new QueuedPost.Group(kind + "|" + (accountId == null ? "" : accountId), icon, phrase,
                naming.nameOf(monitorId));
    }

    /**
     * What is posted next from a queue ({@code queued}, oldest first, not empty): its first entry, with, when that one
     * belongs to a group, every later entry of the same group queued within {@code wait} of it.
     */
    static List<QueuedPost> next(List<QueuedPost> queued, Duration wait) {
        QueuedPost first = queued.getFirst();
        if (first.group() == null || wait.isZero()) {
            return List.of(first);
        }
        Instant until = first.queuedAt().plus(wait);
        return queued.stream().filter(p -> p.group() != null && p.group().key().equals(first.group().key())
                && !p.queuedAt().isAfter(until)).toList();
    }

    /** The message for what {@link #next} took: the event's own line, or one line for the group. */
    static String message(List<QueuedPost> posts) {
        List<String> names = posts.stream().map(p -> p.group() == null ? p.eventId().toString() : p.group().item())
                .distinct().toList();
        if (names.size() == 1) {
            return posts.getFirst().message();
        }
        QueuedPost.Group group = posts.getFirst().group();
        String listed = String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
        return group.icon() + " " + names.size() + " " + group.phrase() + ": " + listed;
    }
}
