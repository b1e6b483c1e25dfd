package io.mooring.events.backups;

import java.util.Set;

/** What started a backup run, as the run events carry it: {@code schedule}, {@code manual} or {@code chat}. */
public final class RunTrigger {
    public static final String SCHEDULE = "schedule";
    public static final String MANUAL = "manual";
    public static final String CHAT = "chat";
    static final Set<String> ALL = Set.of(SCHEDULE, MANUAL, CHAT);

    private RunTrigger() {
    }

    /** Null, or one of the triggers. */
    static String check(String trigger) {
        if (trigger != null && !ALL.contains(trigger)) {
            throw new IllegalArgumentException("trigger must be one of schedule, manual, chat, was '" + trigger + "'");
        }
        return trigger;
    }
}
