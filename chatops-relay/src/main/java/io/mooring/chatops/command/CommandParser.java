package io.mooring.chatops.command;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text after {@code /mooring}, as operators type it: {@code status}, {@code backup run <account> [resource]},
 * {@code account suspend <account> [reason…]}, {@code account resume <account>},
 * {@code monitor pause <monitor> [duration]}, {@code monitor resume <monitor>}, {@code help}. Accounts and monitors
 * are named as operators name them (or by id); {@link Names} turns a name into the id the owning service acts on.
 */
final class CommandParser {
    static final String USAGE = """
            /mooring status                              the platform's state and open incidents
            /mooring backup run <account> [resource]     back up an account now (or one of its resources)
            /mooring account suspend <account> [reason]  suspend an account
            /mooring account resume <account>            resume a suspended account
            /mooring monitor pause <monitor> [duration]  pause a monitor, e.g. for 30m, 2h or 1d (until resumed if none)
            /mooring monitor resume <monitor>            resume a paused monitor
            /mooring help                                this text
            A monitor is <account>/<name>, a name no other monitor has, or its id; a name may hold spaces.""";
    static final int MAX_TEXT = 500;
    /** The longest pause a command may ask for. */
    static final Duration MAX_PAUSE = Duration.ofDays(30);
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    /** A word meant as a duration, valid or not: a number and letters, e.g. {@code 30m}, {@code 2hrs}, {@code 1.5h}. */
    private static final Pattern DURATION_LIKE = Pattern.compile("-?[0-9][0-9.,]*[A-Za-z][A-Za-z0-9]*");

    private CommandParser() {
    }

    /** What the text asks for. */
    sealed interface Parsed permits Command, Help, Invalid {
    }

    /** What a command is about, and so how its target is named. */
    enum Subject {
        /** An account, by name or id. */
        ACCOUNT,
        /** A monitor, by {@code <account>/<name>}, a unique name, or id. */
        MONITOR,
        /** The whole platform: the target is {@code platform}. */
        PLATFORM
    }

    /**
     * A command for a service: {@code command} as on {@code mooring.chatops.commands}, about the {@code subject}
     * named {@code target}, with {@code arguments}.
     */
    record Command(String command, Subject subject, String target, Map<String, String> arguments, String summary)
            implements Parsed {

        /** Whether it changes something: only allowed users and channels may run those. {@code status.show} does not. */
        boolean changesSomething() {
            return subject != Subject.PLATFORM;
        }
    }

    record Help() implements Parsed {
    }

    /** Not a command: {@code reason} says what is wrong, for the person who typed it. */
    record Invalid(String reason) implements Parsed {
    }

    static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Help();
        }
        if (text.length() > MAX_TEXT) {
            return new Invalid("the command is longer than " + MAX_TEXT + " characters");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return new Invalid("the command holds control characters");
        }
        List<String> words = Arrays.stream(text.strip().split("\\s+")).toList();
        String verb = words.getFirst().toLowerCase(Locale.ROOT);
        if (verb.equals("status")) {
            return words.size() == 1
                    ? new Command("status.show", Subject.PLATFORM, "platform", Map.of(), "show the platform's status")
                    : new Invalid("/mooring status takes nothing more");
        }
        String action = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        return switch (verb + " " + action) {
            case "help " -> new Help();
            case "backup run" -> backupRun(words);
            case "account suspend" -> words.size() < 3 ? new Invalid("name the account: /mooring account suspend <account> [reason]")
                    : new Command("account.suspend", Subject.ACCOUNT, words.get(2), reason(words),
                    "suspend account " + words.get(2));
            case "account resume" -> words.size() != 3 ? new Invalid("name the account: /mooring account resume <account>")
                    : new Command("account.resume", Subject.ACCOUNT, words.get(2), Map.of(), "resume account " + words.get(2));
            case "monitor pause" -> monitorPause(words);
            case "monitor resume" -> words.size() < 3 ? new Invalid("name the monitor: /mooring monitor resume <monitor>")
                    : new Command("monitor.resume", Subject.MONITOR, name(words, words.size()), Map.of(),
                    "resume monitor " + name(words, words.size()));
            default -> new Invalid("unknown command '" + String.join(" ", words.subList(0, Math.min(2, words.size())))
                    + "'; the commands are:\n" + USAGE);
        };
    }

    private static Parsed backupRun(List<String> words) {
        if (words.size() < 3 || words.size() > 4) {
            return new Invalid("name the account, and optionally one resource: /mooring backup run <account> [resource]");
        }
        if (words.size() == 4) {
            return new Command("backup.run", Subject.ACCOUNT, words.get(2), Map.of("resource", words.get(3)),
                    "back up " + words.get(3) + " of account " + words.get(2));
        }
        return new Command("backup.run", Subject.ACCOUNT, words.get(2), Map.of(), "back up account " + words.get(2));
    }

    private static Parsed monitorPause(List<String> words) {
        if (words.size() < 3) {
            return new Invalid("name the monitor, and optionally for how long: /mooring monitor pause <monitor> [duration]");
        }
        // a monitor's name may hold spaces: the last word is the duration when it looks like one (a number and a unit)
        boolean timed = words.size() > 3 && DURATION_LIKE.matcher(words.getLast()).matches();
        String monitor = name(words, timed ? words.size() - 1 : words.size());
        if (!timed) {
            return new Command("monitor.pause", Subject.MONITOR, monitor, Map.of(), "pause monitor " + monitor);
        }
        String duration = words.getLast().toLowerCase(Locale.ROOT);
        Matcher matcher = DURATION.matcher(duration);
        if (!matcher.matches()) {
            return new Invalid("'" + words.getLast() + "' is not a duration: say how long as a number of minutes, hours "
                    + "or days, e.g. 30m, 2h or 1d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration length = switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (length.compareTo(MAX_PAUSE) > 0) {
            return new Invalid("a pause with a duration lasts at most " + MAX_PAUSE.toDays() + "d; without one it lasts "
                    + "until resumed: /mooring monitor pause " + monitor);
        }
        return new Command("monitor.pause", Subject.MONITOR, monitor, Map.of("duration", duration),
                "pause monitor " + monitor + " for " + duration);
    }

    /** Words 2 .. {@code end} (exclusive): a monitor's name, which may hold spaces. */
    private static String name(List<String> words, int end) {
        return String.join(" ", words.subList(2, end));
    }

    private static Map<String, String> reason(List<String> words) {
        return words.size() > 3 ? Map.of("reason", String.join(" ", words.subList(3, words.size()))) : Map.of();
    }
}
