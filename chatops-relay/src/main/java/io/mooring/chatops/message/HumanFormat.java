package io.mooring.chatops.message;

import io.mooring.events.WireValue;
import io.mooring.events.backups.BackupTarget;
import io.mooring.events.provisioning.ResourceKind;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Sizes, durations, times and resource kinds as people read them in chat. */
public final class HumanFormat {
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private HumanFormat() {
    }

    /** {@code 1536} becomes {@code 1.5 KiB}; below 1 KiB the exact byte count. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 3723} seconds become {@code 1h 2m 3s}; zero parts are left out. */
    public static String duration(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        append(text, days, "d");
        append(text, hours, "h");
        append(text, minutes, "m");
        append(text, rest, "s");
        return text.toString();
    }

    static String time(OffsetDateTime time) {
        return MINUTES.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The wire name of a resource kind in words, e.g. {@code postgres-database} becomes {@code Postgres database}. */
    static String resourceKind(String wireName) {
        return switch (WireValue.parse(ResourceKind.class, wireName, "kind")) {
            case POSTGRES_DATABASE -> "Postgres database";
            case REDIS_NAMESPACE -> "Redis namespace";
            case BUCKET -> "bucket";
            case SITE -> "site";
        };
    }

    /**
     * What a backup policy copies, as in "created for ... of account": a resource by kind and name,
     * or {@value BackupTarget#ACCOUNT} for every resource of the account.
     */
    static String backupTarget(BackupTarget target) {
        return BackupTarget.ACCOUNT.equals(target.kind())
                ? "every resource (account " + target.name() + ")"
                : resourceKind(target.kind()) + " " + target.name();
    }

    /** The text with its first letter in upper case, to start a sentence. */
    /** A chat command a service refused, as its three rejection events say it. */
    static String refusal(String command, String target, String reason) {
        return "🙅 Command " + command + " " + target + " refused: " + reason;
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(unit);
        }
    }
}
