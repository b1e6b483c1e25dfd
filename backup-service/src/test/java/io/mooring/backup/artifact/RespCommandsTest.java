package io.mooring.backup.artifact;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RespCommandsTest {

    @Test
    void writesRestoreCommandsAsRedisCliPipeReadsThemAndReadsThemBack() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] payload = {0, '\r', '\n', (byte) 0xff};
        RespCommands.writeRestore(out, "acct:a:k".getBytes(StandardCharsets.UTF_8), 1500, payload);
        RespCommands.writeRestore(out, "acct:a:j".getBytes(StandardCharsets.UTF_8), 0, new byte[0]);

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).startsWith(
                "*5\r\n$7\r\nRESTORE\r\n$8\r\nacct:a:k\r\n$4\r\n1500\r\n$4\r\n\0\r\n\u00ff\r\n$7\r\nREPLACE\r\n");
        ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
        List<byte[]> first = RespCommands.read(in);
        assertThat(first).hasSize(5);
        assertThat(first.get(3)).isEqualTo(payload);
        assertThat(new String(RespCommands.read(in).get(1), StandardCharsets.UTF_8)).isEqualTo("acct:a:j");
        assertThat(RespCommands.read(in)).isNull();
    }

    @Test
    void refusesWhatIsNotAStreamOfCommands() {
        assertThatThrownBy(() -> RespCommands.read(stream("+OK\r\n"))).hasMessageContaining("expected '*'");
        assertThatThrownBy(() -> RespCommands.read(stream("*99\r\n"))).hasMessageContaining("99 arguments");
        assertThatThrownBy(() -> RespCommands.read(stream("*1\r\n$5\r\nab"))).hasMessageContaining("ends inside");
        assertThatThrownBy(() -> RespCommands.read(stream("*1\r\n$-1\r\n"))).hasMessageContaining("RESP length");
        assertThatThrownBy(() -> RespCommands.read(stream("*1\r\n$999999999999\r\n"))).isInstanceOf(IOException.class);
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
