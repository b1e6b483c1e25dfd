package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.rollup.UptimeDay;
import io.mooring.monitor.status.maintenance.MaintenanceWindow;
import org.jsoup.nodes.Entities;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Renders a {@link StatusSnapshot} as a self-contained HTML page (inline CSS, no script). Every text
 * that comes from users (group, monitor and incident names, descriptions) is escaped.
 */
final class StatusPageHtml {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1f23;background:#fafbfc}
            h1{margin:.2rem 0}h2{font-size:1.1rem}a{color:#0b62c4}
            .overall{padding:.8rem 1rem;border-radius:.4rem;color:#fff;font-weight:600}
            .st-UP{background:#2da44e}.st-DEGRADED{background:#d4a72c}.st-DOWN{background:#cf222e}
            .st-UNKNOWN,.st-PAUSED{background:#8c959f}
            .state{padding:.1rem .5rem;border-radius:1rem;color:#fff;font-size:.85rem}
            details.group{background:#fff;border:1px solid #d0d7de;border-radius:.4rem;margin:.8rem 0;padding:.4rem .8rem}
            summary{cursor:pointer;display:flex;gap:.6rem;align-items:center;font-weight:600}
            summary .count{font-weight:400;color:#57606a;margin-left:auto}
            ul.monitors{list-style:none;padding:0}li.monitor{padding:.5rem 0;border-top:1px solid #eaeef2}
            .row{display:flex;gap:.6rem;align-items:center}.row .uptime{margin-left:auto;color:#57606a;font-size:.85rem}
            .bars{display:flex;gap:1px;height:1.6rem;margin-top:.3rem}.bars i{flex:1;border-radius:1px}
            .b-none{background:#d0d7de}.b-up{background:#2da44e}.b-minor{background:#8ccf6f}.b-major{background:#d4a72c}
            .b-down{background:#cf222e}
            .incident{background:#fff5f5;border-left:4px solid #cf222e;padding:.4rem .8rem;margin:.4rem 0;list-style:none}
            .maintenance{background:#f1f8ff;border-left:4px solid #0b62c4;padding:.4rem .8rem;margin:.4rem 0;list-style:none}
            section ul{padding:0}
            nav.pages a,nav.pages span{margin-right:.6rem}footer{color:#57606a;font-size:.85rem;margin-top:1.5rem}
            """;

    private final String title;

    StatusPageHtml(String title) {
        this.title = title;
    }

    String render(StatusSnapshot snapshot) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>")
                .append("<header><h1>").append(esc(title)).append("</h1>");
        MonitorState overall = snapshot.overall();
        html.append("<p id=\"overall\" class=\"overall st-").append(overall.name()).append("\">")
                .append(overallText(overall, snapshot.groups().isEmpty())).append("</p></header>");
        incidents(html, snapshot);
        maintenance(html, snapshot);
        html.append("<main>");
        if (snapshot.onlyGroup() != null) {
            html.append("<p><a href=\"/status\">All groups</a></p>");
        }
        for (StatusSnapshot.Group group : snapshot.groups()) {
            group(html, snapshot, group);
        }
        html.append("</main>");
        pages(html, snapshot);
        html.append("<footer>Last updated <time id=\"updated\" datetime=\"").append(snapshot.updatedAt()).append("\">")
                .append(SHOWN.format(snapshot.updatedAt())).append("</time>. Bars: daily uptime from ")
                .append(snapshot.firstDay()).append(" to ").append(snapshot.lastDay()).append(" (UTC).</footer>")
                .append("</body></html>");
        return html.toString();
    }

    private static String overallText(MonitorState state, boolean empty) {
        if (empty) {
            return "No public services";
        }
        return switch (state) {
            case UP -> "All systems operational";
            case DEGRADED -> "Some systems degraded";
            case DOWN -> "Some systems down";
            case UNKNOWN, PAUSED -> "Status unknown";
        };
    }

    private static void incidents(StringBuilder html, StatusSnapshot snapshot) {
        if (snapshot.incidents().isEmpty()) {
            return;
        }
        html.append("<section id=\"incidents\"><h2>Active incidents</h2><ul>");
        for (StatusSnapshot.OpenIncident incident : snapshot.incidents()) {
            html.append("<li class=\"incident\"><strong>").append(esc(incident.title())).append("</strong> since <time datetime=\"")
                    .append(incident.openedAt()).append("\">").append(SHOWN.format(incident.openedAt())).append("</time></li>");
        }
        html.append("</ul></section>");
    }

    private static void maintenance(StringBuilder html, StatusSnapshot snapshot) {
        if (snapshot.maintenance().isEmpty()) {
            return;
        }
        html.append("<section id=\"maintenance\"><h2>Scheduled maintenance</h2><ul>");
        for (MaintenanceWindow window : snapshot.maintenance()) {
            boolean underWay = window.covers(snapshot.updatedAt());
            html.append("<li class=\"maintenance").append(underWay ? " under-way" : "").append("\"><strong>")
                    .append(esc(window.title())).append("</strong> ").append(underWay ? "under way, " : "")
                    .append("<time datetime=\"").append(window.startsAt()).append("\">").append(SHOWN.format(window.startsAt()))
                    .append("</time> to <time datetime=\"").append(window.endsAt()).append("\">")
                    .append(SHOWN.format(window.endsAt())).append("</time>");
            if (window.description() != null) {
                html.append("<p>").append(esc(window.description())).append("</p>");
            }
            html.append("</li>");
        }
        html.append("</ul></section>");
    }

    private static void group(StringBuilder html, StatusSnapshot snapshot, StatusSnapshot.Group group) {
        MonitorState state = group.state();
        boolean open = snapshot.onlyGroup() != null || state == MonitorState.DOWN || state == MonitorState.DEGRADED;
        html.append("<details class=\"group\" id=\"group-").append(group.id()).append("\"").append(open ? " open" : "")
                .append("><summary><span class=\"name\">").append(esc(group.name())).append("</span>")
                .append(stateBadge(state)).append("<span class=\"count\">").append(group.monitorCount())
                .append(group.monitorCount() == 1 ? " monitor" : " monitors").append("</span></summary>");
        if (group.description() != null) {
            html.append("<p class=\"description\">").append(esc(group.description())).append("</p>");
        }
        html.append("<ul class=\"monitors\">");
        for (StatusSnapshot.Monitor monitor : group.monitors()) {
            monitor(html, snapshot, monitor);
        }
        html.append("</ul>");
        if (snapshot.onlyGroup() == null && group.monitors().size() < group.monitorCount()) {
            html.append("<p class=\"more\"><a href=\"").append(groupLink(group.id(), 1)).append("\">All ")
                    .append(group.monitorCount()).append(" monitors</a></p>");
        }
        html.append("</details>");
    }

    private static void monitor(StringBuilder html, StatusSnapshot snapshot, StatusSnapshot.Monitor monitor) {
        Double uptime = monitor.uptimePercent();
        html.append("<li class=\"monitor\" id=\"monitor-").append(monitor.id()).append("\" data-state=\"")
                .append(monitor.state().name()).append("\"><div class=\"row\"><span class=\"name\">")
                .append(esc(monitor.name())).append("</span><span class=\"uptime\">")
                .append(uptime == null ? "no checks yet" : percent(uptime) + " uptime").append("</span>")
                .append(stateBadge(monitor.state())).append("</div><div class=\"bars\" role=\"img\" aria-label=\"daily uptime of ")
                .append(esc(monitor.name())).append("\">");
        Map<LocalDate, UptimeDay> byDay = new HashMap<>();
        monitor.days().forEach(day -> byDay.put(day.day(), day));
        for (LocalDate day = snapshot.firstDay(); !day.isAfter(snapshot.lastDay()); day = day.plusDays(1)) {
            UptimeDay counted = byDay.get(day);
            Double dayUptime = counted == null ? null : counted.uptimePercent();
            html.append("<i class=\"").append(barClass(dayUptime)).append("\" title=\"").append(day).append(": ")
                    .append(dayUptime == null ? "no data" : percent(dayUptime) + " (" + counted.checks() + (counted.checks() == 1 ? " check)" : " checks)"))
                    .append("\"></i>");
        }
        html.append("</div></li>");
    }

    private static void pages(StringBuilder html, StatusSnapshot snapshot) {
        if (snapshot.pages() <= 1) {
            return;
        }
        html.append("<nav class=\"pages\">");
        for (int page = 1; page <= snapshot.pages(); page++) {
            if (page == snapshot.page()) {
                html.append("<span>").append(page).append("</span>");
            } else {
                String link = snapshot.onlyGroup() == null ? "/status?page=" + page : groupLink(snapshot.onlyGroup(), page);
                html.append("<a href=\"").append(link).append("\">").append(page).append("</a>");
            }
        }
        html.append("</nav>");
    }

    static String groupLink(UUID group, int page) {
        return "/status?group=" + group + "&amp;page=" + page;
    }

    private static String stateBadge(MonitorState state) {
        return "<span class=\"state st-" + state.name() + "\">" + PublicState.label(state) + "</span>";
    }

    static String barClass(@Nullable Double uptime) {
        if (uptime == null) {
            return "b-none";
        }
        if (uptime >= 99.9) {
            return "b-up";
        }
        if (uptime >= 99.0) {
            return "b-minor";
        }
        return uptime >= 95.0 ? "b-major" : "b-down";
    }

    static String percent(double uptime) {
        // never rounds a day with a failure up to 100%
        double shown = Math.floor(uptime * 100) / 100;
        return String.format(Locale.ROOT, "%.2f%%", shown);
    }

    private static String esc(String text) {
        return Entities.escape(text);
    }
}
