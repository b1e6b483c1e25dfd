package io.mooring.provisioner.resource.driver;

/**
 * Why a driver call failed, and whether trying again may help. The message is shown to operators
 * and stored with the operation: it must never contain a secret.
 */
public final class DriverFailure extends RuntimeException {
    private final boolean retriable;

    private DriverFailure(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    /** The server could not be reached or was busy; the same call may succeed later. */
    public static DriverFailure retriable(String message, Throwable cause) {
        return new DriverFailure(message, true, cause);
    }

    /** Trying again will not help (refused, misconfigured, name taken by something else). */
    public static DriverFailure permanent(String message, Throwable cause) {
        return new DriverFailure(message, false, cause);
    }

    public static DriverFailure permanent(String message) {
        return new DriverFailure(message, false, null);
    }

    public boolean retriable() {
        return retriable;
    }
}
