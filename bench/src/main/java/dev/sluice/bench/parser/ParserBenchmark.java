package dev.sluice.bench.parser;

import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses 10,000 typical statements (DDL, inserts, pull and push queries, windowed aggregations,
 * client catalog queries) one by one, as the server does, and reports the time per batch.
 *
 * <p>Steps: 1) warm up the JIT and ANTLR's shared DFA cache with a few batches (a server reaches
 * that state after its first statements); 2) time {@code rounds} batches; 3) print the median and
 * best batch time and the rate. Run (after {@code mvn -o -q -pl sql-parser package -DskipTests}):
 *
 * <pre>
 * M2=$HOME/.m2/repository
 * CP=sql-parser/target/classes:$M2/org/antlr/antlr4-runtime/4.13.2/antlr4-runtime-4.13.2.jar:$M2/dev/sluice/sluice-common/0.1.0-SNAPSHOT/sluice-common-0.1.0-SNAPSHOT.jar
 * javac -d /tmp/parser-bench -cp $CP bench/src/main/java/dev/sluice/bench/parser/ParserBenchmark.java
 * java -cp /tmp/parser-bench:$CP dev.sluice.bench.parser.ParserBenchmark
 * </pre>
 */
public final class ParserBenchmark {
    private ParserBenchmark() {}

    static final List<String> TYPICAL = List.of(
            "CREATE STREAM pageviews (user_id INT, page VARCHAR, ts TIMESTAMP) WITH (partitions = 4, timestamp = 'ts')",
            "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR, region VARCHAR) WITH (partitions = 4)",
            "INSERT INTO pageviews VALUES (1, '/home', TIMESTAMP '2026-01-01 10:00:00'), (2, '/cart', TIMESTAMP '2026-01-01 10:00:01')",
            "INSERT INTO users VALUES (1, 'ann', 'eu')",
            "UPDATE users SET region = 'us' WHERE id = 1",
            "DELETE FROM users WHERE id = 1",
            "SELECT * FROM views_per_user WHERE user_id = 7",
            "SELECT * FROM pageviews WHERE page = '/cart' EMIT CHANGES",
            "CREATE TABLE views_per_user AS SELECT user_id, COUNT(*) AS views FROM pageviews GROUP BY user_id",
            "CREATE TABLE per_minute AS SELECT page, COUNT(*) AS n FROM pageviews WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY page EMIT FINAL",
            "SELECT p.page, u.region, COUNT(*) FROM pageviews p JOIN users u ON p.user_id = u.id WHERE u.region IN ('eu', 'us') GROUP BY p.page, u.region HAVING COUNT(*) > 10 ORDER BY 3 DESC LIMIT 10",
            "SELECT user_id, page, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM pageviews",
            "SELECT CASE WHEN n > 10 THEN 'hot' ELSE 'cold' END, CAST(n AS BIGINT) * 2 FROM per_minute WHERE page LIKE '/c%'",
            "SET application_name = 'psql'",
            "SELECT current_schema()",
            "SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1",
            "SELECT c.oid, n.nspname, c.relname FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname OPERATOR(pg_catalog.~) '^(demo)$' COLLATE pg_catalog.default AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 2, 3",
            "BEGIN",
            "COMMIT",
            "SHOW TABLES");

    public static void main(String[] args) {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> batch = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            batch.add(TYPICAL.get(i % TYPICAL.size()));
        }
        for (int i = 0; i < 5; i++) {
            run(batch);
        }
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            int parsed = run(batch);
            nanos[i] = System.nanoTime() - start;
            if (parsed != total) {
                throw new AssertionError("parsed " + parsed);
            }
        }
        Arrays.sort(nanos);
        double medianMs = nanos[rounds / 2] / 1e6;
        double bestMs = nanos[0] / 1e6;
        System.out.printf(
                "parsed %,d statements per round, %d rounds: median %.1f ms, best %.1f ms, %,.0f statements/s (median)%n",
                total, rounds, medianMs, bestMs, total / (medianMs / 1000));
    }

    private static int run(List<String> batch) {
        int n = 0;
        for (String sql : batch) {
            Statement s = SqlParser.parseStatement(sql);
            if (s != null) {
                n++;
            }
        }
        return n;
    }
}
