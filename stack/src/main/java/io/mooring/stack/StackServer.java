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
}
