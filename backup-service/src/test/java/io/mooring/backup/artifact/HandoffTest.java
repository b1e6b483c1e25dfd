package io.mooring.backup.artifact;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoffTest {

    @RepeatedTest(20)
    void deliversEveryByteInOrderAndClosesDownstreamEvenForASmallWrite() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayOutputStream received = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        Handoff handoff = new Handoff(received, 2);
        handoff.write(new byte[]{1, 2, 3}, 0, 3);
        handoff.write(4);
        handoff.close();

        assertThat(received.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(closed).isTrue();
    }

    @Test
    void aFailingDownstreamFailsTheWriterInsteadOfBlockingIt() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        Handoff handoff = new Handoff(failing, 2);

        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                handoff.write(new byte[1024], 0, 1024);
            }
            handoff.close();
        }).isInstanceOf(IOException.class).hasMessage("disk full");
    }
}
