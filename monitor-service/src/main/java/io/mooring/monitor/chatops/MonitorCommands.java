package io.mooring.monitor.chatops;

import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.chatops.CommandIssued;
import io.mooring.events.monitoring.MonitorCommandRejected;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRegistry;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.monitor.Pausing;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chat commands about monitors: {@code monitor.pause} (target a monitor id; argument {@code duration}
 * such as {@code 30m}, {@code 2h} or {@code 1d}, after which the monitor resumes by itself),
 * {@code monitor.resume}, and {@code status.show} ({@link StatusReports}). Pause and resume go through the
 * registry as the API's do, their {@code MonitorStateChanged} carrying the command's id; a command that
 * cannot be applied is answered by {@code MonitorCommandRejected} with the reason. In the caller's transaction.
 */
@Singleton
public class MonitorCommands {
    public static final String PAUSE = "monitor.pause";
    public static final String RESUME = "monitor.resume";
    public static final String STATUS = "status.show";
    public static final Set<String> NAMES = Set.of(PAUSE, RESUME, STATUS);
    /** The longest pause a chat command may ask for. */
    static final Duration MAX_PAUSE = Duration.ofDays(30);
    private static final Pattern DURATION = Pattern.compile("^([0-9]{1,6})([mhd])$");

    private final MonitorRepository monitors;
    private final MonitorRegistry registry;
    private final StatusReports reports;
    private final Outbox outbox;
    private final Clock clock;

    public MonitorCommands(MonitorRepository monitors, MonitorRegistry registry, StatusReports reports, Outbox outbox,
                           Clock clock) {
        this.monitors = monitors;
        this.registry = registry;
        this.reports = reports;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void apply(CommandIssued command) {
        switch (command.command()) {
            case PAUSE -> pause(command);
            case RESUME -> resume(command);
            case STATUS -> outbox.append(reports.report(command));
            default -> throw new IllegalArgumentException("not a monitor command: " + command.command());
        }
    }

    private void pause(CommandIssued command) {
        Optional<Duration> duration;
        try {
            duration = duration(command.arguments().get("duration"));
        } catch (IllegalArgumentException e) {
            reject(command, e.getMessage());
            return;
        }
        Optional<Monitor> monitor = monitor(command);
        if (monitor.isEmpty()) {
            return;
        }
        if (monitor.get().state() == MonitorState.PAUSED) {
            reject(command, "monitor " + monitor.get().name() + " is already paused");
            return;
        }
        Instant until = duration.map(clock.instant()::plus).orElse(null);
        String reason = "paused from chat by " + command.issuedBy() + duration.map(d -> " until " + until).orElse("");
        registry.pause(monitor.get().id(), new Pausing(Pausing.By.OPERATOR, reason, until, command.commandId()));
    }

    private void resume(CommandIssued command) {
        Optional<Monitor> monitor = monitor(command);
        if (monitor.isEmpty()) {
            return;
        }
        if (monitor.get().state() != MonitorState.PAUSED) {
            reject(command, "monitor " + monitor.get().name() + " is not paused");
            return;
        }
        registry.resume(monitor.get().id(), "resumed from chat by " + command.issuedBy(), command.commandId());
    }

    /** The command's monitor, locked; empty (and the command rejected) when the target names none. */
    private Optional<Monitor> monitor(CommandIssued command) {
        UUID id;
        try {
            id = UUID.fromString(command.target());
        } catch (IllegalArgumentException e) {
            reject(command, "'" + command.target() + "' is not a monitor id");
            return Optional.empty();
        }
        Optional<Monitor> monitor = monitors.lockById(id);
        if (monitor.isEmpty()) {
            reject(command, "there is no monitor " + id);
        }
        return monitor;
    }

    /** Empty when absent; a message for a person when it is no whole number of minutes, hours or days up to 30 days. */
    static Optional<Duration> duration(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = DURATION.matcher(text.trim());
        String expected = "duration must be a number of minutes, hours or days such as 30m, 2h or 1d, at most 30d; was '"
                + text + "'";
        if (!matcher.matches()) {
            throw new IllegalArgumentException(expected);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.isZero() || duration.compareTo(MAX_PAUSE) > 0) {
            throw new IllegalArgumentException(expected);
        }
        return Optional.of(duration);
    }

    private void reject(CommandIssued command, String reason) {
        outbox.append(new MonitorCommandRejected(command.commandId(), command.command(), command.target(), reason));
    }
}
