package io.mooring.stack;

import java.util.Map;

/** A running server: embedded (started by this JVM) or external (named by MOORING_* environment variables). */
public interface StackServer {

    ServerKind kind();

    /** Connection settings as Micronaut property names ({@code mooring.*}), see {@link ServerProperties}. */
    Map<String, String> properties();

    /** The same settings as environment variables ({@code MOORING_*}), for child processes. */
    default Map<String, String> environment() {
        return ServerProperties.toEnvironment(properties());
    }

    /** True when the server was started elsewhere; it cannot be stopped from here. */
    boolean external();

    /** Stops the server and waits until it is gone. Throws {@link IllegalStateException} for an external server. */
    void stop();

    /**
     * Suspends the server's processes (SIGSTOP): connections stay open, nothing answers. Embedded
     * servers only; throws {@link IllegalStateException} where the server cannot be frozen.
     */
    default void freeze() {
        throw new IllegalStateException(kind() + " server cannot be frozen from here");
    }

    /** Resumes a server suspended by {@link #freeze()} (SIGCONT). */
    default void thaw() {
        throw new IllegalStateException(kind() + " server cannot be thawed from here");
    }
}
