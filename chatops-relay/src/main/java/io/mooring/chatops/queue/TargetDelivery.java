package io.mooring.chatops.queue;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionService;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.runtime.http.ProblemException;

import java.time.Duration;
import java.util.Optional;

/**
 * How one target's queue is drained, where it differs from {@link DeliverySettings}: each field left null takes the
 * global setting. Durations are written as {@code 10s}, {@code 5m}, {@code 24h}, {@code 7d} or ISO-8601
 * ({@code PT10S}).
 *
 * @param ratePerSecond posts per second, 0.01 to 100
 * @param burst         posts at once after a quiet while, 1 to 1000
 * @param groupWait     how long events of one group are gathered, 0s (off) to 1h
 * @param giveUpAfter   how long after being queued a message the target keeps not taking is given up, 1s to 30d
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetDelivery(@Nullable Double ratePerSecond, @Nullable Integer burst, @Nullable String groupWait,
                             @Nullable String giveUpAfter) {
    public static final TargetDelivery NONE = new TargetDelivery(null, null, null, null);
    static final Duration MAX_GROUP_WAIT = Duration.ofHours(1);
    static final Duration MAX_GIVE_UP = Duration.ofDays(30);

    /**
     * The same overrides, checked, with durations in their short form; a bad one is a 400 problem naming
     * {@code <field>.<name>}.
     */
    public static TargetDelivery checked(@Nullable TargetDelivery given, String field) {
        if (given == null) {
            return NONE;
        }
        Double rate = given.ratePerSecond();
        if (rate != null && (!(rate >= 0.01) || rate > 100)) {
            throw ProblemException.invalid(field + ".ratePerSecond", "must be from 0.01 to 100 posts a second");
        }
        Integer burst = given.burst();
        if (burst != null && (burst < 1 || burst > 1000)) {
            throw ProblemException.invalid(field + ".burst", "must be from 1 to 1000");
        }
        Duration wait = duration(given.groupWait(), field + ".groupWait", Duration.ZERO, MAX_GROUP_WAIT);
        Duration giveUp = duration(given.giveUpAfter(), field + ".giveUpAfter", Duration.ofSeconds(1), MAX_GIVE_UP);
        return new TargetDelivery(rate, burst, wait == null ? null : text(wait), giveUp == null ? null : text(giveUp));
    }

    public double ratePerSecond(DeliverySettings defaults) {
        return ratePerSecond == null ? defaults.getRatePerSecond() : ratePerSecond;
    }

    public int burst(DeliverySettings defaults) {
        return burst == null ? defaults.getBurst() : burst;
    }

    public Duration groupWait(DeliverySettings defaults) {
        return groupWait == null ? defaults.getGroupWait() : parse(groupWait).orElse(defaults.getGroupWait());
    }

    public Duration giveUpAfter(DeliverySettings defaults) {
        return giveUpAfter == null ? defaults.getGiveUpAfter() : parse(giveUpAfter).orElse(defaults.getGiveUpAfter());
    }

    private static @Nullable Duration duration(@Nullable String value, String field, Duration min, Duration max) {
        if (value == null) {
            return null;
        }
        Duration duration = value.length() > 40 ? null : parse(value.strip()).orElse(null);
        if (duration == null) {
            throw ProblemException.invalid(field, "must be a duration such as 10s, 5m, 24h or PT10S");
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw ProblemException.invalid(field, "must be from " + text(min) + " to " + text(max));
        }
        return duration;
    }

    private static Optional<Duration> parse(String value) {
        try {
            return ConversionService.SHARED.convert(value, Duration.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The short form: {@code 90s}, {@code 5m}, {@code 24h}, {@code 7d}, {@code 250ms}. */
    public static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % 86_400_000 == 0) {
            return millis / 86_400_000 + "d";
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
