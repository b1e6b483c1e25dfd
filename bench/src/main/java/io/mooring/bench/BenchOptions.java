package io.mooring.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line, bounded so that a run always ends: each phase lasts at most {@code duration}
 * and at most {@code maxCreates} creates or {@code maxReads} reads.
 *
 * @param duration    how long each measured phase lasts at most
 * @param concurrency the numbers of concurrent clients to measure, in order
 * @param warmup      how long the unmeasured warm-up before the creates and before the reads lasts at most
 * @param maxCreates  the request budget of each create phase and of the create warm-up
 * @param maxReads    the request budget of each read phase and of the read warm-up
 * @param hosts       how many hosts to register before creating accounts
 * @param serviceEnv  further environment variables for the provisioner ({@code --env NAME=VALUE})
 */
record BenchOptions(Duration duration, List<Integer> concurrency, Duration warmup, int maxCreates, int maxReads,
                    int hosts, Map<String, String> serviceEnv) {

    static final String USAGE = """
            usage: bench/run.sh [--duration 15s] [--concurrency 1,8] [--warmup 10s] [--max-creates 2000]
                                [--max-reads 20000] [--hosts 50] [--env NAME=VALUE ...]
              --duration      longest time of each measured phase (1s..10m; 15s, 500ms, 2m or plain seconds)
              --concurrency   concurrent clients of each phase, comma-separated (1..64 each)
              --warmup        longest unmeasured warm-up before the creates and before the reads (0..5m)
              --max-creates   request budget of each create phase and of the create warm-up (1..100000)
              --max-reads     request budget of each read phase and of the read warm-up (1..1000000)
              --hosts         hosts registered before the creates (1..1000), 1 TB of memory each
              --env           an extra environment variable for the provisioner (repeatable)""";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    BenchOptions {
        requireBetween(duration, Duration.ofSeconds(1), Duration.ofMinutes(10), "--duration");
        requireBetween(warmup, Duration.ZERO, Duration.ofMinutes(5), "--warmup");
        if (concurrency.isEmpty()) {
            throw new IllegalArgumentException("--concurrency needs at least one number");
        }
        for (int clients : concurrency) {
            requireBetween(clients, 1, 64, "--concurrency");
        }
        requireBetween(maxCreates, 1, 100_000, "--max-creates");
        requireBetween(maxReads, 1, 1_000_000, "--max-reads");
        requireBetween(hosts, 1, 1000, "--hosts");
        concurrency = List.copyOf(concurrency);
        serviceEnv = Map.copyOf(serviceEnv);
    }

    static BenchOptions defaults() {
        return new BenchOptions(Duration.ofSeconds(15), List.of(1, 8), Duration.ofSeconds(10), 2000, 20_000, 50, Map.of());
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the bad option. */
    static BenchOptions parse(String... args) {
        BenchOptions d = defaults();
        Duration duration = d.duration();
        List<Integer> concurrency = d.concurrency();
        Duration warmup = d.warmup();
        int maxCreates = d.maxCreates();
        int maxReads = d.maxReads();
        int hosts = d.hosts();
        Map<String, String> env = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--duration" -> duration = duration(option, value);
                case "--warmup" -> warmup = duration(option, value);
                case "--concurrency" -> concurrency = integers(option, value);
                case "--max-creates" -> maxCreates = integer(option, value);
                case "--max-reads" -> maxReads = integer(option, value);
                case "--hosts" -> hosts = integer(option, value);
                case "--env" -> {
                    int eq = value.indexOf('=');
                    if (eq < 1 || !ENV_NAME.matcher(value.substring(0, eq)).matches()) {
                        throw new IllegalArgumentException("--env takes NAME=VALUE with an upper-case NAME, not " + value);
                    }
                    env.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new BenchOptions(duration, concurrency, warmup, maxCreates, maxReads, hosts, env);
    }

    int maxConcurrency() {
        return concurrency.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " takes a duration like 15s, 500ms or 2m, not " + value);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    private static List<Integer> integers(String option, String value) {
        List<Integer> numbers = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            numbers.add(integer(option, part.trim()));
        }
        return numbers;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }

    private static void requireBetween(Duration value, Duration min, Duration max, String option) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }

    private static void requireBetween(int value, int min, int max, String option) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
