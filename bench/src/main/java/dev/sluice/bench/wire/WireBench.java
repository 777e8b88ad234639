package dev.sluice.bench.wire;

import dev.sluice.pgwire.PgServer;
import dev.sluice.pgwire.PgServerConfig;
import dev.sluice.pgwire.auth.InMemoryUserStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * PostgreSQL wire-protocol throughput against an in-process {@link PgServer} with a {@link
 * TrivialEngine}: simple-query round trips per second ({@code SELECT 1} over pgjdbc in simple mode)
 * on 1 and 16 connections, and COPY FROM STDIN ingest of 100-byte rows.
 *
 * <pre>
 * java -cp ... dev.sluice.bench.wire.WireBench [seconds-per-run=10] [copy-rows=2000000]
 * </pre>
 */
public final class WireBench {
    private WireBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long copyRows = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        TrivialEngine engine = new TrivialEngine();
        try (PgServer server =
                new PgServer(PgServerConfig.defaults().withPort(0), engine, new InMemoryUserStore()).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/sluice";
            roundTrips(url, 1, 2); // warm-up
            for (int connections : new int[] {1, 16}) {
                double rate = roundTrips(url, connections, seconds);
                System.out.printf("simple-query round trips, %2d connection(s): %,.0f /s%n", connections, rate);
            }
            copy(url, copyRows / 4); // warm-up
            double rows = copy(url, copyRows);
            System.out.printf("COPY FROM STDIN, 100-byte rows: %,.0f rows/s (%.1f MB/s)%n", rows, rows * 100 / 1e6);
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "sluice");
        p.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection(url, p);
    }

    private static double roundTrips(String url, int connections, int seconds) throws Exception {
        AtomicLong total = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = connect(url);
            Thread t = new Thread(() -> {
                long n = 0;
                try (c;
                        Statement s = c.createStatement()) {
                    while (System.nanoTime() < end) {
                        try (ResultSet rs = s.executeQuery("SELECT 1")) {
                            rs.next();
                        }
                        n++;
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                } finally {
                    total.addAndGet(n);
                    done.countDown();
                }
            });
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        done.await();
        return total.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double copy(String url, long rows) throws Exception {
        try (Connection c = connect(url)) {
            long start = System.nanoTime();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench FROM STDIN", new RowStream(rows));
            if (n != rows) {
                throw new IllegalStateException("copied " + n + " of " + rows);
            }
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Generates {@code id \t payload \n} lines of exactly 100 bytes without holding them in memory. */
    private static final class RowStream extends InputStream {
        private final long rows;
        private long next;
        private byte[] line = new byte[0];
        private int pos;

        RowStream(long rows) {
            this.rows = rows;
        }

        private boolean fill() {
            if (next >= rows) {
                return false;
            }
            String id = Long.toString(next++);
            String payload = "p".repeat(100 - id.length() - 2);
            line = (id + '\t' + payload + '\n').getBytes(StandardCharsets.US_ASCII);
            pos = 0;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (pos >= line.length && !fill()) {
                return -1;
            }
            return line[pos++];
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int written = 0;
            while (written < len) {
                if (pos >= line.length && !fill()) {
                    break;
                }
                int n = Math.min(len - written, line.length - pos);
                System.arraycopy(line, pos, b, off + written, n);
                pos += n;
                written += n;
            }
            return written == 0 ? -1 : written;
        }
    }
}
