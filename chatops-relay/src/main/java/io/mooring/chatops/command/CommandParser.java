package io.mooring.chatops.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text after {@code /mooring}, as operators type it: {@code backup run <account> [resource]},
 * {@code account suspend <account> [reason…]}, {@code account resume <account>}, {@code help}. Accounts are named as
 * operators name them (or by id); {@link Names} turns a name into the id the owning service acts on.
 */
final class CommandParser {
    static final String USAGE = """
            /mooring backup run <account> [resource]   back up an account now (or one of its resources)
            /mooring account suspend <account> [reason] suspend an account
            /mooring account resume <account>           resume a suspended account
            /mooring help                               this text""";
    static final int MAX_TEXT = 500;

    private CommandParser() {
    }

    /** What the text asks for. */
    sealed interface Parsed permits Command, Help, Invalid {
    }

    /**
     * A command for a service: {@code command} as on {@code mooring.chatops.commands}, about the account named
     * {@code account}, with {@code arguments}; every such command changes something.
     */
    record Command(String command, String account, Map<String, String> arguments, String summary) implements Parsed {
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
        String action = words.size() > 1 ? words.get(1).toLowerCase(Locale.ROOT) : "";
        return switch (verb + " " + action) {
            case "help " -> new Help();
            case "backup run" -> backupRun(words);
            case "account suspend" -> words.size() < 3 ? new Invalid("name the account: /mooring account suspend <account> [reason]")
                    : new Command("account.suspend", words.get(2), reason(words),
                    "suspend account " + words.get(2));
            case "account resume" -> words.size() != 3 ? new Invalid("name the account: /mooring account resume <account>")
                    : new Command("account.resume", words.get(2), Map.of(), "resume account " + words.get(2));
            default -> new Invalid("unknown command '" + String.join(" ", words.subList(0, Math.min(2, words.size())))
                    + "'; the commands are:\n" + USAGE);
        };
    }

    private static Parsed backupRun(List<String> words) {
        if (words.size() < 3 || words.size() > 4) {
            return new Invalid("name the account, and optionally one resource: /mooring backup run <account> [resource]");
        }
        if (words.size() == 4) {
            return new Command("backup.run", words.get(2), Map.of("resource", words.get(3)),
                    "back up " + words.get(3) + " of account " + words.get(2));
        }
        return new Command("backup.run", words.get(2), Map.of(), "back up account " + words.get(2));
    }

    private static Map<String, String> reason(List<String> words) {
        return words.size() > 3 ? Map.of("reason", String.join(" ", words.subList(3, words.size()))) : Map.of();
    }
}
