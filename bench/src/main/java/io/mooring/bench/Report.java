package io.mooring.bench;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The printed figures: a fixed-width table of the phases and the facts of the machine they ran on. */
final class Report {

    /**
     * One line of the table.
     *
     * @param unit         what the throughput counts, e.g. {@code accounts/s}; null for a latency-only row
     * @param accountsBefore accounts that existed when the phase started; null where it does not matter
     */
    record Row(PhaseResult result, String unit, Integer accountsBefore) {
    }

    private static final String[] HEADER = {"operation", "clients", "accounts before", "ok", "failed", "elapsed",
            "throughput", "p50", "p99", "max"};

    private Report() {
    }

    static String table(List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Row row : rows) {
            PhaseResult r = row.result();
            Latencies.Summary latency = r.latency();
            lines.add(new String[]{r.operation(), Integer.toString(r.clients()),
                    row.accountsBefore() == null ? "-" : row.accountsBefore().toString(),
                    Long.toString(r.succeeded()), Long.toString(r.failed()),
                    r.elapsed() == null ? "-" : String.format(Locale.ROOT, "%.1f s", r.elapsed().toNanos() / 1e9),
                    r.throughput().isPresent() ? String.format(Locale.ROOT, "%.1f %s", r.throughput().getAsDouble(), row.unit()) : "-",
                    millis(latency.p50()), millis(latency.p99()), millis(latency.max())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                String cell = i == 0 ? pad(line[i], widths[i]) : padLeft(line[i], widths[i]);
                out.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append('\n');
        }
        for (Row row : rows) {
            PhaseResult r = row.result();
            if (r.failed() > 0) {
                out.append("failed: ").append(r.operation()).append(", ").append(r.clients()).append(" clients: ");
                List<String> reasons = new ArrayList<>();
                r.failures().forEach((reason, n) -> reasons.add(reason + " x" + n));
                out.append(String.join(", ", reasons)).append('\n');
            }
        }
        return out.toString();
    }

    static String millis(Duration duration) {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.2f ms", duration.toNanos() / 1e6);
    }

    /** Cores, CPU model, memory, operating system, load and JDK, one fact per line. */
    static List<String> machine() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> facts = new ArrayList<>();
        facts.add("cores: " + Runtime.getRuntime().availableProcessors() + " available to the JVM"
                + cpuModel().map(model -> " (" + model + ")").orElse(""));
        facts.add(String.format(Locale.ROOT, "memory: %.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
        facts.add("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        facts.add("jdk: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + ")");
        return facts;
    }

    /** The one-minute system load average, or -1 where the system does not tell. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static Optional<String> cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static String padLeft(String s, int width) {
        return " ".repeat(width - s.length()) + s;
    }
}
