package dev.sluice.planner.calcite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.QueryStatement;
import dev.sluice.sql.ast.Statement;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pull queries through the whole path: Sluice's parser, the AST converter, Calcite validation,
 * planning and generated code, over an in-memory {@link RelationReader}.
 */
class PullQueryCompilerTest {
    private final Catalog catalog = new Catalog();
    private final Map<String, List<RelationReader.StoredRow>> data = new HashMap<>();
    private final AtomicInteger scans = new AtomicInteger();
    private final AtomicInteger lookups = new AtomicInteger();
    private PullQueryCompiler compiler;

    private final RelationReader reader = new RelationReader() {
        @Override
        public Iterator<StoredRow> scan(Relation relation) {
            scans.incrementAndGet();
            return data.getOrDefault(relation.name().name(), List.of()).iterator();
        }

        @Override
        public Optional<StoredRow> lookup(Relation relation, Object[] key) {
            lookups.incrementAndGet();
            int[] keyIndexes = relation.schema().keyIndexes();
            return data.getOrDefault(relation.name().name(), List.of()).stream()
                    .filter(r -> {
                        for (int k = 0; k < keyIndexes.length; k++) {
                            if (!key[k].equals(r.row().get(keyIndexes[k]))) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .findFirst();
        }
    };

    @BeforeEach
    void setUp() {
        compiler = new PullQueryCompiler(reader);
        catalog.apply(new CatalogChange.Put(new Relation(
                catalog.allocateOid(),
                QualifiedName.of("users"),
                RelationKind.TABLE,
                Schema.withKey(
                        List.of(
                                Column.notNull("id", SqlType.INT),
                                Column.of("name", SqlType.VARCHAR),
                                Column.of("region", SqlType.VARCHAR),
                                Column.of("balance", SqlType.decimal(10, 2))),
                        List.of("id")),
                null,
                "users",
                TopicSettings.changelog(1),
                Map.of(),
                "CREATE TABLE users (...)",
                List.of(),
                false)));
        catalog.apply(new CatalogChange.Put(new Relation(
                catalog.allocateOid(),
                QualifiedName.of("pageviews"),
                RelationKind.STREAM,
                Schema.of(List.of(
                        Column.of("user_id", SqlType.INT),
                        Column.of("page", SqlType.VARCHAR),
                        Column.of("ts", SqlType.TIMESTAMP))),
                "ts",
                "pageviews",
                TopicSettings.stream(2),
                Map.of(),
                "CREATE STREAM pageviews (...)",
                List.of(),
                false)));
        data.put(
                "users",
                List.of(
                        stored(0, 0, 1, "ann", "eu", new BigDecimal("10.50")),
                        stored(0, 1, 2, "bob", "us", new BigDecimal("0.00")),
                        stored(0, 2, 3, "cy", "eu", null)));
        LocalDateTime t0 = LocalDateTime.of(2026, 1, 1, 10, 0);
        data.put(
                "pageviews",
                List.of(
                        stored(0, 0, 1, "/home", t0),
                        stored(1, 0, 2, "/cart", t0.plusSeconds(5)),
                        stored(0, 1, 1, "/cart", t0.plusSeconds(9))));
    }

    private java.util.List<String> origins(String sql) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Column c : compile(sql).columns()) {
            out.add(c.name() + "@" + c.tableOid() + "/" + c.attnum());
        }
        return out;
    }

    @Test
    void plainColumnReferencesCarryTheirRelationOidAndAttnum() {
        long users =
                catalog.snapshot().find(QualifiedName.of("users")).orElseThrow().oid();
        long pageviews = catalog.snapshot()
                .find(QualifiedName.of("pageviews"))
                .orElseThrow()
                .oid();
        assertEquals(
                List.of("balance@" + users + "/4", "n@" + users + "/2", "x@0/0", "region@" + users + "/3"),
                origins("SELECT balance, u.name AS n, id + 1 AS x, region FROM users u"));
        assertEquals(
                List.of("page@" + pageviews + "/2", "upper@0/0", "rowtime@0/0", "id@" + users + "/1"),
                origins("SELECT p.page, upper(p.page) AS upper, p.rowtime, u.id FROM (SELECT page, rowtime, user_id"
                        + " FROM pageviews) p JOIN users u ON u.id = p.user_id"));
        assertEquals(
                List.of("c@0/0", "name@0/0"),
                origins("SELECT count(*) AS c, name FROM users GROUP BY name"
                        + " UNION ALL SELECT 1, page FROM pageviews"));
    }

    private static RelationReader.StoredRow stored(int partition, long offset, Object... values) {
        return new RelationReader.StoredRow(Row.of(values), 1_767_261_600_000L + offset, partition, offset);
    }

    private static SqlNode parse(String sql) {
        Statement statement = SqlParser.parseStatement(sql);
        return new QueryConverter().convert(((QueryStatement) statement).query());
    }

    private CompiledQuery compile(String sql) {
        return compiler.compile(catalog.snapshot(), parse(sql), sql);
    }

    private List<List<Object>> run(String sql, Object... params) {
        List<List<Object>> out = new ArrayList<>();
        compile(sql).execute(params, new AtomicBoolean()).forEachRemaining(r -> out.add(Arrays.asList(r.toArray())));
        return out;
    }

    @Test
    void aSetReturningFunctionInTheSelectListGivesOneRowPerValue() {
        assertEquals(List.of(List.of(1), List.of(2), List.of(3)), run("SELECT generate_series(1, 3)"));
        assertEquals(
                List.of("generate_series"),
                compile("SELECT generate_series(1, 3)").columns().stream()
                        .map(Column::name)
                        .toList());
        assertEquals(
                List.of("n"),
                compile("SELECT generate_series(2, 8, 3) AS n").columns().stream()
                        .map(Column::name)
                        .toList());
        assertEquals(List.of(List.of(2), List.of(5), List.of(8)), run("SELECT generate_series(2, 8, 3) AS n"));
    }

    @Test
    void selectStarHidesPseudoColumns() {
        CompiledQuery q = compile("SELECT * FROM users");
        assertEquals(
                List.of("id", "name", "region", "balance"),
                q.columns().stream().map(Column::name).toList());
        assertEquals(SqlType.decimal(10, 2), q.columns().get(3).type());
        assertEquals(3, run("SELECT * FROM users").size());
    }

    @Test
    void pseudoColumnsAreSelectableByName() {
        List<List<Object>> rows =
                run("SELECT rowpartition, rowoffset, page FROM pageviews ORDER BY rowpartition, rowoffset");
        assertEquals(List.of(List.of(0, 0L, "/home"), List.of(0, 1L, "/cart"), List.of(1, 0L, "/cart")), rows);
        CompiledQuery q = compile("SELECT rowtime, * FROM pageviews");
        assertEquals(
                List.of("rowtime", "user_id", "page", "ts"),
                q.columns().stream().map(Column::name).toList());
    }

    @Test
    void keyEqualityIsAPointLookupNotAScan() {
        assertEquals(List.of(List.of("bob")), run("SELECT name FROM users WHERE id = 2"));
        assertEquals(1, lookups.get());
        assertEquals(0, scans.get());
        assertEquals(List.of(), run("SELECT name FROM users WHERE id = 99"));
        assertEquals(0, scans.get());
    }

    @Test
    void parametersAreInferredAndBoundToLookups() {
        CompiledQuery q = compile("SELECT name, balance FROM users WHERE id = $1");
        assertEquals(List.of(SqlType.INT), q.parameterTypes());
        Row row = q.execute(new Object[] {1}, new AtomicBoolean()).next();
        assertEquals(Row.of("ann", new BigDecimal("10.50")), row);
        assertEquals(0, scans.get());
        assertEquals(1, lookups.get());
    }

    @Test
    void declaredParameterTypesStillGiveLookups() {
        CompiledQuery q = compiler.compile(
                catalog.snapshot(),
                new QueryConverter(List.of(SqlType.BIGINT))
                        .convert(((QueryStatement) SqlParser.parseStatement("SELECT name FROM users WHERE id = $1"))
                                .query()),
                "SELECT name FROM users WHERE id = $1");
        assertEquals(List.of(SqlType.BIGINT), q.parameterTypes());
        assertEquals(
                Row.of("bob"), q.execute(new Object[] {2L}, new AtomicBoolean()).next());
        assertEquals(1, lookups.get());
        assertEquals(0, scans.get());
    }

    @Test
    void nonKeyFiltersScanAndAggregate() {
        assertEquals(
                List.of(List.of("eu", 2L), List.of("us", 1L)),
                run("SELECT region, COUNT(*) AS n FROM users GROUP BY region ORDER BY region"));
        assertEquals(List.of(List.of(2L)), run("SELECT COUNT(*) FROM pageviews WHERE page = '/cart'"));
    }

    @Test
    void aggregatesTheInterpreterGotWrong() {
        // Calcite 1.42's BindableAggregate: MIN/MAX of strings cast to Long, BOOL_AND and mixed
        // DISTINCT threw "agg.state" NPEs. PullQueryCompiler removes that rule.
        assertEquals(
                List.of(List.of("eu", "ann", "cy", 2L), List.of("us", "bob", "bob", 1L)),
                run("SELECT region, MIN(name), MAX(name), COUNT(DISTINCT name) FROM users GROUP BY region"
                        + " ORDER BY region"));
        assertEquals(
                List.of(List.of(true, false, 2L, 3L)),
                run("SELECT BOOL_OR(region = 'eu'), BOOL_AND(region = 'eu'), COUNT(DISTINCT region), COUNT(*)"
                        + " FROM users"));
    }

    @Test
    void joinsStreamsWithTables() {
        assertEquals(
                List.of(List.of("ann", "/cart"), List.of("ann", "/home"), List.of("bob", "/cart")),
                run("SELECT u.name, p.page FROM pageviews p JOIN users u ON p.user_id = u.id ORDER BY u.name, p.page"));
    }

    @Test
    void timestampsAndLimits() {
        List<List<Object>> rows = run("SELECT ts FROM pageviews ORDER BY ts DESC LIMIT 1");
        assertEquals(List.of(List.of(LocalDateTime.of(2026, 1, 1, 10, 0, 9))), rows);
        assertEquals(
                List.of(List.of(2L)), run("SELECT COUNT(*) FROM pageviews WHERE ts > TIMESTAMP '2026-01-01 10:00:01'"));
    }

    @Test
    void unknownRelationIs42P01WithPosition() {
        SluiceException e = assertThrows(SluiceException.class, () -> compile("SELECT * FROM nope"));
        assertEquals("42P01", e.sqlState());
        assertEquals("relation \"nope\" does not exist", e.getMessage());
        assertEquals(15, e.position().getAsInt());
    }

    @Test
    void unknownColumnIs42703WithPosition() {
        SluiceException e = assertThrows(SluiceException.class, () -> compile("SELECT nme FROM users"));
        assertEquals("42703", e.sqlState());
        assertEquals("column \"nme\" does not exist", e.getMessage());
        assertEquals(8, e.position().getAsInt());
    }

    @Test
    void explainShowsThePhysicalPlan() {
        assertTrue(compile("SELECT name FROM users WHERE id = 1").explain().contains("Enumerable"));
    }

    @Test
    void everydaySqlWorks() {
        assertEquals(
                List.of(List.of("ann", "rich"), List.of("bob", "broke"), List.of("cy", "unknown")),
                run(
                        "SELECT name, CASE WHEN balance > 1 THEN 'rich' WHEN balance IS NULL THEN 'unknown' ELSE 'broke' END"
                                + " AS status FROM users ORDER BY name"));
        assertEquals(
                List.of(List.of("ann"), List.of("cy")), run("SELECT name FROM users WHERE id IN (1, 3) ORDER BY 1"));
        assertEquals(List.of(List.of(2L)), run("SELECT COUNT(*) FROM users WHERE id BETWEEN 2 AND 3"));
        assertEquals(List.of(List.of("ann")), run("SELECT name FROM users WHERE name LIKE 'a%'"));
        assertEquals(List.of(List.of("bob")), run("SELECT name FROM users WHERE name ~ '^b'"));
        assertEquals(List.of(List.of("eu"), List.of("us")), run("SELECT DISTINCT region FROM users ORDER BY region"));
        assertEquals(List.of(List.of("eu")), run("SELECT region FROM users GROUP BY region HAVING COUNT(*) > 1"));
        assertEquals(
                List.of(List.of("ann")), run("SELECT name FROM users WHERE id = (SELECT MIN(user_id) FROM pageviews)"));
        assertEquals(
                List.of(List.of(4L)),
                run("WITH x AS (SELECT id FROM users UNION ALL SELECT user_id FROM pageviews WHERE page = '/home')"
                        + " SELECT COUNT(*) FROM x"));
        assertEquals(
                List.of(List.of("ann", 1L), List.of("bob", 1L)),
                run("SELECT u.name, COUNT(*) AS n FROM users u JOIN pageviews p ON p.user_id = u.id"
                        + " WHERE p.page = '/cart' GROUP BY u.name ORDER BY u.name"));
        assertEquals(List.of(List.of("héllo wörld")), run("SELECT 'héllo' || ' wörld'"));
        assertEquals(List.of(List.of(3)), run("SELECT CAST('3' AS INT)"));
        assertEquals(List.of(List.of(3)), run("SELECT '3'::int"));
        assertEquals(
                List.of(List.of(2L)),
                run(
                        "SELECT COUNT(*) FROM pageviews WHERE ts < TIMESTAMP '2026-01-01 10:00:00' + INTERVAL '6 seconds'"));
    }

    @Test
    void intervalAndByteaTextAreReadAsPostgresDoes() {
        // Calcite's day-time interval holds days and time as one count of milliseconds; it reads back
        // as days and a time below 24 hours, as PostgreSQL prints '1 day 02:00:00'.
        assertEquals(
                List.of(List.of(new Interval(0, 1, 7_200_000_000L), new Interval(0, 0, 9_000_000_000L))),
                run("SELECT INTERVAL '1 day 02:00:00', '2 hours 30 minutes'::interval"));
        assertEquals(List.of(List.of(new Interval(-10, 0, 0))), run("SELECT '-1 year 2 mons'::interval"));
        assertEquals(List.of(List.of(new Interval(0, 1, 7_200_000_000L))), run("SELECT CAST('P1DT2H' AS INTERVAL)"));
        assertEquals(List.of(Arrays.asList((Object) null)), run("SELECT CAST(NULL AS INTERVAL)"));
        byte[] bytes = (byte[]) run("SELECT '\\xdeadbeef'::bytea").get(0).get(0);
        assertArrayEquals(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, bytes);
        assertArrayEquals(new byte[] {'a', 0}, (byte[])
                run("SELECT CAST('a\\000' AS BYTEA)").get(0).get(0));
    }

    @Test
    void badIntervalAndByteaLiteralsAre22007And22P02WithPosition() {
        SluiceException e = assertThrows(SluiceException.class, () -> compile("SELECT INTERVAL '1 fortnight'"));
        assertEquals("22007", e.sqlState());
        assertEquals("invalid input syntax for type interval: \"1 fortnight\"", e.getMessage());
        assertEquals(8, e.position().getAsInt());
        SluiceException b = assertThrows(SluiceException.class, () -> compile("SELECT '\\xzz'::bytea"));
        assertEquals("22P02", b.sqlState());
        assertEquals("invalid input syntax for type bytea: \"\\xzz\"", b.getMessage());
        assertEquals(8, b.position().getAsInt());
    }

    @Test
    void badTimestampLiteralIs22007WithPosition() {
        SluiceException e = assertThrows(
                SluiceException.class, () -> compile("SELECT * FROM pageviews WHERE ts > TIMESTAMP '2026-13-45'"));
        assertEquals("22007", e.sqlState());
        assertEquals("invalid input syntax for type timestamp without time zone: \"2026-13-45\"", e.getMessage());
        assertEquals(36, e.position().getAsInt());
    }

    @Test
    void streamingClausesAreRefusedInSnapshotQueries() {
        SluiceException e = assertThrows(
                SluiceException.class,
                () -> compile("SELECT page, COUNT(*) FROM pageviews WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY page"));
        assertEquals("0A000", e.sqlState());
    }
}
