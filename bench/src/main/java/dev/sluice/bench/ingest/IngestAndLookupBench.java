package dev.sluice.bench.ingest;

import java.io.IOException;
import java.io.Reader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Streams and tables through the PostgreSQL protocol against a running server (docs/benchmarks.md,
 * "Streams and tables"). Rows are 100 bytes of payload: a BIGINT id and a 92-character text.
 *
 * <ol>
 *   <li>COPY rows/s into a 4-partition stream (one COPY, CSV, generated on the fly).
 *   <li>Batched prepared INSERT rows/s into the same kind of stream (executeBatch of 1,000).
 *   <li>Point lookups/s and p50/p99 latency with {@code SELECT ... WHERE id = ?} on a table of N
 *       rows loaded by COPY, one connection, random keys.
 * </ol>
 *
 * <p>Usage: {@code IngestAndLookupBench <jdbc-url> [copyRows] [insertRows] [tableRows] [lookupSeconds]};
 * {@code tableRows} 0 skips the table and the lookups.
 */
public final class IngestAndLookupBench {
    private static final String PAYLOAD = "x".repeat(92);

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long copyRows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int insertRows = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        long tableRows = args.length > 3 ? Long.parseLong(args[3]) : 1_000_000;
        int lookupSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        try (Connection c = DriverManager.getConnection(url, "sluice", "")) {
            exec(c, "CREATE STREAM bench_copy (id BIGINT, payload TEXT) WITH (partitions = 4)");
            exec(c, "CREATE STREAM bench_insert (id BIGINT, payload TEXT) WITH (partitions = 4)");
            exec(c, "CREATE TABLE bench_kv (id BIGINT PRIMARY KEY, payload TEXT) WITH (partitions = 4)");

            copy(c, "bench_copy", Math.max(copyRows / 10, Math.min(copyRows, 100_000))); // warm-up, as Kafka's 10 %
            long start = System.nanoTime();
            copy(c, "bench_copy", copyRows);
            report("COPY into a 4-partition stream", copyRows, System.nanoTime() - start);

            insert(c, Math.min(insertRows, 20_000)); // warm-up
            start = System.nanoTime();
            insert(c, insertRows);
            report(
                    "batched prepared INSERT (1,000 per batch) into a 4-partition stream",
                    insertRows,
                    System.nanoTime() - start);

            if (tableRows == 0) {
                return;
            }
            start = System.nanoTime();
            copy(c, "bench_kv", tableRows);
            report("COPY into a 4-partition table (upserts)", tableRows, System.nanoTime() - start);
            lookups(c, tableRows, lookupSeconds);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void copy(Connection c, String table, long rows) throws SQLException, IOException {
        long copied = ((PGConnection) c)
                .getCopyAPI()
                .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)", new GeneratedCsv(rows));
        if (copied != rows) {
            throw new IllegalStateException("copied " + copied + " of " + rows);
        }
    }

    private static void insert(Connection c, int rows) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_insert VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                p.setLong(1, i);
                p.setString(2, PAYLOAD);
                p.addBatch();
                if ((i + 1) % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

    private static void lookups(Connection c, long tableRows, int seconds) throws SQLException {
        Random random = new Random(42);
        try (PreparedStatement p = c.prepareStatement("SELECT payload FROM bench_kv WHERE id = ?")) {
            for (int i = 0; i < 2_000; i++) { // warm-up, and pgjdbc's switch to a server-side statement
                lookup(p, random.nextLong(tableRows));
            }
            long[] latencies = new long[5_000_000];
            int n = 0;
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long start = System.nanoTime();
            while (System.nanoTime() < end && n < latencies.length) {
                long t0 = System.nanoTime();
                lookup(p, random.nextLong(tableRows));
                latencies[n++] = System.nanoTime() - t0;
            }
            long elapsed = System.nanoTime() - start;
            Arrays.sort(latencies, 0, n);
            System.out.printf(
                    "point lookups on a %,d-row table, 1 connection: %,.0f lookups/s, p50 %.3f ms, p99 %.3f ms%n",
                    tableRows, n / (elapsed / 1e9), latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6);
        }
    }

    private static void lookup(PreparedStatement p, long id) throws SQLException {
        p.setLong(1, id);
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next() || rs.getString(1).length() != PAYLOAD.length()) {
                throw new IllegalStateException("row " + id + " missing");
            }
        }
    }

    private static void report(String what, long rows, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf(
                "%s: %,d rows in %.2f s = %,.0f rows/s (%.1f MB/s of 100-byte rows)%n",
                what, rows, seconds, rows / seconds, rows * 100 / seconds / 1e6);
    }

    /** CSV rows "id,payload\n" produced on demand, so a million rows need no memory. */
    private static final class GeneratedCsv extends Reader {
        private final long rows;
        private long next;
        private String pending = "";
        private int at;

        GeneratedCsv(long rows) {
            this.rows = rows;
        }

        @Override
        public int read(char[] buf, int off, int len) {
            int written = 0;
            while (written < len) {
                if (at == pending.length()) {
                    if (next == rows) {
                        return written == 0 ? -1 : written;
                    }
                    pending = next++ + "," + PAYLOAD + "\n";
                    at = 0;
                }
                int n = Math.min(len - written, pending.length() - at);
                pending.getChars(at, at + n, buf, off + written);
                at += n;
                written += n;
            }
            return written;
        }

        @Override
        public void close() {}
    }
}
