package io.mooring.stack;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Readiness check for a broker without a Kafka client: sends a Metadata request (v4, no topics) and
 * checks that the answer lists a broker. A broker lists itself only once it is registered and unfenced.
 */
final class KafkaProbe {

    private static final short METADATA = 3;
    private static final short VERSION = 4;
    private static final int CORRELATION_ID = 0x6d6f6f72;
    private static final byte[] CLIENT_ID = "mooring-stack".getBytes(StandardCharsets.UTF_8);

    private KafkaProbe() {
    }

    static boolean brokerListed(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(2000);
            int size = 2 + 2 + 4 + 2 + CLIENT_ID.length + 4 + 1;
            ByteBuffer request = ByteBuffer.allocate(4 + size)
                    .putInt(size)
                    .putShort(METADATA).putShort(VERSION).putInt(CORRELATION_ID)
                    .putShort((short) CLIENT_ID.length).put(CLIENT_ID)
                    .putInt(0)           // topics: none
                    .put((byte) 0);      // allow_auto_topic_creation: false
            socket.getOutputStream().write(request.array());
            socket.getOutputStream().flush();
            DataInputStream response = new DataInputStream(socket.getInputStream());
            response.readInt();                          // size
            boolean ours = response.readInt() == CORRELATION_ID;
            response.readInt();                          // throttle_time_ms
            int brokers = response.readInt();
            return ours && brokers > 0;
        }
    }
}
