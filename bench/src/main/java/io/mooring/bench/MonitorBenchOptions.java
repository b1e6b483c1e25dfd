package io.mooring.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The command line of {@code bench/run.sh monitors}.
 *
 * @param monitors   the numbers of HTTP monitors to measure, ascending (monitors are added between sizes)
 * @param interval   every monitor's check interval
 * @param duration   the window of due slots judged at each size
 * @param timeout    every monitor's check timeout
 * @param settle     the longest wait, after two intervals, for the service's own lag p99 to be under 1 s before a window
 * @param clients    concurrent import requests creating the monitors (1,000 monitors each)
 * @param serviceEnv further environment variables for the monitor service ({@code --env NAME=VALUE})
 */
record MonitorBenchOptions(List<Integer> monitors, Duration interval, Duration duration, Duration timeout, Duration settle,
                           int clients,
                           Map<String, String> serviceEnv) {

    static final String USAGE = """
            usage: bench/run.sh monitors [--monitors 10000,20000,50000] [--interval 30s] [--duration 30s]
                                         [--timeout 5s] [--settle 5m] [--clients 2] [--env NAME=VALUE ...] [--no-status-page]
              --monitors  numbers of HTTP monitors to measure, ascending (100..200000 each)
              --interval  every monitor's check interval (10s..10m, whole seconds)
              --duration  window of due slots judged at each size (5s..10m)
              --timeout   every monitor's check timeout (1s..60s, whole seconds, at most the interval)
              --settle    longest extra wait for the service's lag p99 < 1 s before each window (0s..30m)
              --clients   concurrent import requests of 1,000 monitors each (1..64)
              --env       an extra environment variable for the monitor service (repeatable)
              --no-status-page  skip bench/status-page.sh after the checks""";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

    MonitorBenchOptions {
        if (monitors.isEmpty()) {
            throw new IllegalArgumentException("--monitors needs at least one number");
        }
        int previous = 0;
        for (int size : monitors) {
            requireBetween(size, 100, 200_000, "--monitors");
            if (size <= previous) {
                throw new IllegalArgumentException("--monitors must be ascending, not " + monitors);
            }
            previous = size;
        }
        requireWholeSecondsBetween(interval, 10, 600, "--interval");
        requireWholeSecondsBetween(timeout, 1, 60, "--timeout");
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException("--timeout must be at most the interval (" + interval.toSeconds() + "s)");
        }
        if (duration.compareTo(Duration.ofSeconds(5)) < 0 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("--duration must be between 5s and 10m, not " + duration);
        }
        if (settle.isNegative() || settle.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("--settle must be between 0s and 30m, not " + settle);
        }
        requireBetween(clients, 1, 64, "--clients");
        monitors = List.copyOf(monitors);
        serviceEnv = Map.copyOf(serviceEnv);
    }

    static MonitorBenchOptions defaults() {
        return new MonitorBenchOptions(List.of(10_000, 20_000, 50_000), Duration.ofSeconds(30), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(5), 2, Map.of());
    }

    /** Parses the command line; throws {@link IllegalArgumentException} naming the bad option. */
    static MonitorBenchOptions parse(String... args) {
        MonitorBenchOptions d = defaults();
        List<Integer> monitors = d.monitors();
        Duration interval = d.interval();
        Duration duration = d.duration();
        Duration timeout = d.timeout();
        Duration settle = d.settle();
        int clients = d.clients();
        Map<String, String> env = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--monitors" -> {
                    monitors = new ArrayList<>();
                    for (String part : value.split(",", -1)) {
                        monitors.add(integer(option, part.trim()));
                    }
                }
                case "--interval" -> interval = BenchOptions.duration(option, value);
                case "--duration" -> duration = BenchOptions.duration(option, value);
                case "--timeout" -> timeout = BenchOptions.duration(option, value);
                case "--settle" -> settle = BenchOptions.duration(option, value);
                case "--clients" -> clients = integer(option, value);
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
        return new MonitorBenchOptions(monitors, interval, duration, timeout, settle, clients, env);
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes whole numbers, not " + value);
        }
    }

    private static void requireWholeSecondsBetween(Duration value, int min, int max, String option) {
        if (value.toMillis() % 1000 != 0 || value.toSeconds() < min || value.toSeconds() > max) {
            throw new IllegalArgumentException(option + " must be whole seconds between " + min + "s and " + max + "s, not "
                    + value);
        }
    }

    private static void requireBetween(int value, int min, int max, String option) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
