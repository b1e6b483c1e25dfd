package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorState;

import java.util.Locale;

/** SVG badges in the usual two-part shape: "status" and the state with the uptime. Holds no user text. */
final class StatusBadges {
    private static final double CHAR_WIDTH = 6.5;

    private StatusBadges() {
    }

    static String svg(PublicStatus.Badge badge) {
        String label = "status";
        String value = badge.state().name().toLowerCase(Locale.ROOT) + " · " + uptimeText(badge.uptimePercent());
        int left = width(label);
        int right = width(value);
        int total = left + right;
        return """
                <svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="%s: %s">\
                <title>%s: %s</title>\
                <rect width="%d" height="20" fill="#555"/><rect x="%d" width="%d" height="20" fill="%s"/>\
                <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">\
                <text x="%.1f" y="14">%s</text><text x="%.1f" y="14">%s</text></g></svg>"""
                .formatted(total, label, value, label, value, left, left, right, color(badge.state()),
                        left / 2.0, label, left + right / 2.0, value);
    }

    static String uptimeText(@Nullable Double uptime) {
        return uptime == null ? "no data" : StatusPageHtml.percent(uptime) + " (30d)";
    }

    private static int width(String text) {
        return (int) Math.ceil(text.length() * CHAR_WIDTH) + 12;
    }

    private static String color(MonitorState state) {
        return switch (state) {
            case UP -> "#2da44e";
            case DEGRADED -> "#d4a72c";
            case DOWN -> "#cf222e";
            case UNKNOWN, PAUSED -> "#8c959f";
        };
    }
}
