package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Freezes and thaws a server's process tree with SIGSTOP and SIGCONT, so tests can see how the
 * services behave when a store or broker stops answering without closing its sockets.
 */
final class ProcessSignals {
    private ProcessSignals() {
    }

    /** Sends SIGSTOP to the process and all its descendants. */
    static void freeze(ProcessHandle root) {
        signal("STOP", root);
        // a child forked while the first signal went out (a new connection's backend) escaped it; the stopped parent
        // forks no more, so a second pass catches every one
        signal("STOP", root);
    }

    /** Sends SIGCONT to the process and all its descendants. */
    static void thaw(ProcessHandle root) {
        signal("CONT", root);
    }

    private static void signal(String signal, ProcessHandle root) {
        List<String> pids = Stream.concat(Stream.of(root), root.descendants())
                .filter(ProcessHandle::isAlive)
                .map(p -> Long.toString(p.pid()))
                .toList();
        if (pids.isEmpty()) {
            throw new IllegalStateException("process " + root.pid() + " is not running");
        }
        List<String> command = Stream.concat(Stream.of("kill", "-" + signal), pids.stream()).toList();
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            // a non-zero exit because a listed child exited meanwhile (the others got the signal) is no failure
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0 && !root.isAlive()) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(kill.getInputStream().readAllBytes()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }
}
