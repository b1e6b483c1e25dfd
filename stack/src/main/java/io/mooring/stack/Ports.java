package io.mooring.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on 127.0.0.1, found by binding port 0; none is handed out twice in one JVM. */
public final class Ports {

    static final String HOST = "127.0.0.1";

    /** Ports already handed out in this JVM; the OS may offer a released port again. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

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
}
