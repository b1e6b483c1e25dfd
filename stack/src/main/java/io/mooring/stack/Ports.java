package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Free TCP ports on 127.0.0.1, found by binding port 0; none is handed out twice in one JVM. */
public final class Ports {

    static final String HOST = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(Ports.class);

    /** Ports already handed out in this JVM; the OS may offer a released port again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** The port each {@link #kept} file handed out in this JVM: that server may have it again. */
    private static final Map<Path, Integer> KEPT = new ConcurrentHashMap<>();

    private Ports() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("no new free port on " + HOST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    /** {@code port} when it is free, any free port otherwise. */
    public static int preferred(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            if (HANDED_OUT.add(port)) {
                return port;
            }
        } catch (IOException busy) {
            // taken: fall through to any free port
        }
        return free();
    }

    /**
     * The port a server had last time it ran in {@code home} when that port is free, else a free one; remembered in
     * {@code home/<name>.port}. So a server with persistent data keeps its address across restarts, and what was
     * handed out with it (a tenant's connection string, a monitor's target) stays true.
     */
    public static int kept(Path home, String name) {
        Path file = home.resolve(name + ".port");
        Integer before = null;
        try {
            if (Files.isRegularFile(file)) {
                before = Integer.valueOf(Files.readString(file).strip());
            }
        } catch (IOException | NumberFormatException e) {
            LOG.warn("cannot read {}: {}; choosing a new port", file, e.getMessage());
        }
        int port;
        if (before == null || before < 1024 || before > 65535) {
            port = free();
        } else if (before.equals(KEPT.get(file))) {
            port = bindable(before) ? before : free();
        } else {
            port = preferred(before);
        }
        KEPT.put(file, port);
        if (before != null && port != before) {
            LOG.warn("{} of {} was {} and is {} now (the old port is taken): addresses handed out with the old port "
                    + "are stale", name, home, before, port);
        }
        try {
            Files.createDirectories(home);
            Files.writeString(file, port + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return port;
    }
}
