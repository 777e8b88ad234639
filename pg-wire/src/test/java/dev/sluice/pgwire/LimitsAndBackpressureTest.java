package dev.sluice.pgwire;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A slow client must not make the server buffer without bound; idle sessions time out. */
class LimitsAndBackpressureTest {

    @Test
    @Tag("integration") // takes ~4 s of watching a stalled socket
    void slowClientStopsTheProducerInsteadOfFillingTheHeap() throws Exception {
        try (TestServer server = new TestServer();
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(64 * 1024);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            OutputStream out = socket.getOutputStream();
            out.write(startup());
            out.write(query("SELECT * FROM firehose EMIT CHANGES"));
            out.flush();
            JdbcStreamingTest.waitUntil(() -> server.engine.firehoseRows.get() > 0);
            Thread.sleep(1500);
            long first = server.engine.firehoseRows.get();
            Thread.sleep(1000);
            long second = server.engine.firehoseRows.get();
            // ~140 bytes per row: the 1 MiB write watermark plus kernel socket buffers hold a bounded number
            assertTrue(first < 300_000, "rows produced while the client reads nothing: " + first);
            assertTrue(second - first < 1_000, "production stalled: " + first + " -> " + second);
            // reading resumes production
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] buf = new byte[1 << 16];
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (server.engine.firehoseRows.get() < second + 50_000 && System.nanoTime() < deadline) {
                in.read(buf);
            }
            assertTrue(server.engine.firehoseRows.get() >= second + 50_000, "production resumed");
            socket.close();
            JdbcStreamingTest.waitUntil(() -> server.engine.openSources.get() == 0);
        }
    }

    @Test
    void idleSessionIsClosedAfterTheTimeout() throws Exception {
        PgServerConfig config =
                PgServerConfig.defaults().withPort(0).withThreads(1, 4).withIdleSessionTimeout(Duration.ofMillis(300));
        try (TestServer server = new TestServer(config);
                Connection c = server.connect()) {
            c.createStatement().execute("SELECT 1");
            Thread.sleep(1000);
            assertThrows(SQLException.class, () -> c.createStatement().execute("SELECT 1"));
        }
    }

    @Test
    void portAlreadyInUseIsAClearError() {
        try (TestServer server = new TestServer()) {
            PgServer second =
                    new PgServer(PgServerConfig.defaults().withPort(server.port()), server.engine, server.users);
            PgServer.PgServerException e = assertThrows(PgServer.PgServerException.class, second::start);
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    private static byte[] startup() {
        byte[] params = "user\0sluice\0database\0sluice\0\0".getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + params.length)
                .putInt(8 + params.length)
                .putInt(196608)
                .put(params)
                .array();
    }

    private static byte[] query(String sql) {
        byte[] text = (sql + "\0").getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + text.length)
                .put((byte) 'Q')
                .putInt(4 + text.length)
                .put(text)
                .array();
    }
}
