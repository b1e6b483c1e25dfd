package io.mooring.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTest {

    @Test
    void aServerKeepsItsPortAcrossStartsWhileThePortIsFree(@TempDir Path home) throws Exception {
        int first = Ports.kept(home, "postgres");
        assertThat(Files.readString(home.resolve("postgres.port")).strip()).isEqualTo(Integer.toString(first));
        assertThat(Ports.kept(home, "postgres")).isEqualTo(first);

        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getByName(Ports.HOST), first));
            int moved = Ports.kept(home, "postgres");
            assertThat(moved).isNotEqualTo(first);
            assertThat(Files.readString(home.resolve("postgres.port")).strip()).isEqualTo(Integer.toString(moved));
        }
    }

    @Test
    void anUnreadablePortFileGivesAFreePort(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("redis.port"), "not a port");
        int port = Ports.kept(home, "redis");
        assertThat(port).isBetween(1024, 65535);
        assertThat(Files.readString(home.resolve("redis.port")).strip()).isEqualTo(Integer.toString(port));
    }
}
