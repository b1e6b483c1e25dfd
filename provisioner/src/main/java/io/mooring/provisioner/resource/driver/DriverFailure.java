package io.mooring.provisioner.resource.driver;

/**
 * Why a driver call failed, and whether trying again may help. The message (what was being done and
 * what the server answered) is logged and stored with the operation; the {@link #summary()} is a short
 * classified reason, e.g. "tenant database server unreachable", that events and chat carry. Neither
 * may contain a secret.
 */
public final class DriverFailure extends RuntimeException {
    private final boolean retriable;
    private final String summary;

    private DriverFailure(String summary, String message, boolean retriable, Throwable cause) {
        super(message, cause);
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a driver failure needs a summary");
        }
        this.summary = summary;
        this.retriable = retriable;
    }

    /** The server could not be reached or was busy; the same call may succeed later. */
    public static DriverFailure retriable(String summary, String message, Throwable cause) {
        return new DriverFailure(summary, message, true, cause);
    }

    /** Trying again will not help (refused, misconfigured, name taken by something else). */
    public static DriverFailure permanent(String summary, String message, Throwable cause) {
        return new DriverFailure(summary, message, false, cause);
    }

    public static DriverFailure permanent(String summary, String message) {
        return new DriverFailure(summary, message, false, null);
    }

    public boolean retriable() {
        return retriable;
    }

    /** A short reason from a fixed set of phrases, without server output. */
    public String summary() {
        return summary;
    }
}
