package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * Why and by whom a monitor is paused. A resume caused by a backup policy or an account resumes only
 * what that cause paused; an operator's resume (API or chat) resumes any pause.
 *
 * @param until     nullable: when the monitor resumes by itself
 * @param commandId nullable: the chat command that paused it, carried on {@code MonitorStateChanged}
 */
public record Pausing(By by, String reason, @Nullable Instant until, @Nullable String commandId) {

    /** Who paused a monitor; stored as {@code monitor.paused_by}. */
    public enum By {
        OPERATOR("operator"), BACKUP_POLICY("backup-policy"), ACCOUNT_SUSPENDED("account-suspended"),
        ACCOUNT_DELETED("account-deleted");

        private final String column;

        By(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }

    public Pausing {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(reason, "reason");
    }

    public static Pausing by(By by, String reason) {
        return new Pausing(by, reason, null, null);
    }
}
