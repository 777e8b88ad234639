package dev.sluice.planner.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.executor.stream.AggFunction;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.planner.stream.rel.StreamSink;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.QueryStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The streaming planner from SQL to the executable plan: the STREAM physical rels, their changelog
 * modes, where exchanges and normalizes go, and what is refused.
 */
class StreamPlannerTest {
    private final Catalog catalog = new Catalog();
    private final StreamPlanner planner = new StreamPlanner(new RelationReader() {
        @Override
        public Iterator<StoredRow> scan(Relation relation) {
            return List.<StoredRow>of().iterator();
        }

        @Override
        public Optional<StoredRow> lookup(Relation relation, Object[] key) {
            return Optional.empty();
        }
    });

    @BeforeEach
    void setUp() {
        add(
                "pageviews",
                RelationKind.STREAM,
                Schema.of(List.of(
                        Column.of("user_id", SqlType.INT),
                        Column.of("page", SqlType.VARCHAR),
                        Column.of("ts", SqlType.TIMESTAMP))),
                Map.of());
        add(
                "users",
                RelationKind.TABLE,
                Schema.withKey(
                        List.of(
                                Column.notNull("id", SqlType.INT),
                                Column.of("name", SqlType.VARCHAR),
                                Column.of("region", SqlType.VARCHAR),
                                Column.of("balance", SqlType.decimal(10, 2))),
                        List.of("id")),
                Map.of());
        add(
                "page_counts",
                RelationKind.MATERIALIZED_VIEW,
                Schema.withKey(
                        List.of(Column.notNull("page", SqlType.VARCHAR), Column.notNull("n", SqlType.BIGINT)),
                        List.of("page")),
                Map.of());
        add(
                "bid",
                RelationKind.SOURCE,
                Schema.of(List.of(
                        Column.of("auction", SqlType.BIGINT),
                        Column.of("bidder", SqlType.BIGINT),
                        Column.of("price", SqlType.BIGINT))),
                Map.of("connector", "nexmark"));
    }

    private void add(String name, RelationKind kind, Schema schema, Map<String, String> props) {
        catalog.apply(new CatalogChange.Put(new Relation(
                catalog.allocateOid(),
                QualifiedName.of(name),
                kind,
                schema,
                null,
                kind.hasTopic() ? name : "",
                kind.isKeyed() ? TopicSettings.changelog(1) : TopicSettings.stream(2),
                props,
                "CREATE ...",
                List.of(),
                false)));
    }

    private SqlNode parse(String sql) {
        QueryStatement statement = (QueryStatement) SqlParser.parseStatement(sql);
        return new QueryConverter().convert(statement.query());
    }

    private StreamPlan plan(String sql) {
        return planner.plan(catalog.snapshot(), parse(sql), sql);
    }

    private String explain(String sql) {
        return plan(sql).explain();
    }

    /** The STREAM rels with their modes, under the sink for {@code target}. */
    private String physical(String sql, StreamSink.Target target) {
        return planner.physical(catalog.snapshot(), parse(sql), target).explain();
    }

    private SluiceException refusal(String sql) {
        return refusal(sql, StreamSink.Target.PUSH);
    }

    private SluiceException refusal(String sql, StreamSink.Target target) {
        SluiceException e = assertThrows(
                SluiceException.class, () -> planner.plan(catalog.snapshot(), parse(sql), sql, target), sql);
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, e.sqlState(), e.getMessage());
        return e;
    }

    @Test
    void phasesAreNamedInOrder() {
        assertEquals(
                List.of("subquery-removal", "aggregate-reduction", "calc-merge"),
                List.copyOf(StreamPlanner.PHASES.keySet()));
        assertEquals("stream-physical", StreamPlanner.PHYSICAL_PHASE);
        assertEquals("changelog-mode", StreamPlanner.CHANGELOG_PHASE);
    }

    @Test
    void filterAndProjectionOverAStreamAreOneInsertOnlyCalc() {
        String sql = "SELECT page, user_id + 1 AS next FROM pageviews WHERE page <> '/home'";
        assertEquals(
                """
                StreamSink(target=[push]) [insert-only]
                  StreamCalc(expr#0..5=[{inputs}], expr#6=[1], expr#7=[+($t0, $t6)], expr#8=['/home':VARCHAR], \
                expr#9=[<>($t1, $t8)], page=[$t1], next=[$t7], $condition=[$t9]) [insert-only]
                    StreamTableSourceScan(table=[[public, pageviews]], kind=[stream]) [insert-only]
                """,
                physical(sql, StreamSink.Target.PUSH));
        assertEquals(
                """
                StreamCalc(where=<>($1, '/home'), select=[$1 AS page, +($0, 1) AS next]) [insert-only]
                  StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                """,
                explain(sql));
        StreamPlan plan = plan(sql);
        assertTrue(plan.appendOnly());
        assertNull(plan.outputKey());
        assertEquals(List.of("pageviews"), sourceNames(plan));
    }

    @Test
    void groupByTakesEveryAggregateKindOverAnExchangeByTheGroupKey() {
        StreamPlan plan = plan("SELECT user_id, COUNT(*) AS c, COUNT(page) AS cp, COUNT(DISTINCT page) AS cd,"
                + " SUM(user_id) AS s, AVG(user_id) AS a, MIN(page) AS mi, MAX(ts) AS ma, BOOL_AND(user_id > 0) AS ba,"
                + " BOOL_OR(user_id > 0) AS bo, STRING_AGG(page, ',') AS sa, COUNT(*) FILTER (WHERE page = '/cart') AS cf"
                + " FROM pageviews GROUP BY user_id");
        // AVG and SUM become SUM0/COUNT in aggregate-reduction, so results agree with pull queries.
        StreamNode.Calc top = (StreamNode.Calc) plan.root();
        StreamNode.GroupAggregate agg = (StreamNode.GroupAggregate) top.input();
        List<AggFunction> functions = new ArrayList<>();
        agg.calls().forEach(call -> functions.add(call.function()));
        assertEquals(
                List.of(
                        AggFunction.COUNT,
                        AggFunction.COUNT,
                        AggFunction.COUNT,
                        AggFunction.SUM0,
                        AggFunction.COUNT,
                        AggFunction.MIN,
                        AggFunction.MAX,
                        AggFunction.BOOL_AND,
                        AggFunction.BOOL_OR,
                        AggFunction.STRING_AGG,
                        AggFunction.COUNT),
                functions);
        assertTrue(agg.calls().get(2).distinct());
        assertTrue(agg.calls().get(10).filterArg() >= 0);
        StreamNode.Exchange exchange = (StreamNode.Exchange) agg.input();
        assertArrayEquals(new int[] {0}, exchange.keys());
        assertEquals(ChangelogMode.INSERT_ONLY, exchange.mode());
        assertEquals(ChangelogMode.RETRACT, agg.mode());
        assertEquals(ChangelogMode.RETRACT, plan.mode());
        assertArrayEquals(new int[] {0}, plan.outputKey());
        assertTrue(
                agg.describe().startsWith("StreamGroupAggregate(group=[user_id], aggregates=[COUNT(), "),
                agg.describe());
        assertEquals("accumulators and row count per group", agg.state());
    }

    @Test
    void distinctIsAGroupAggregateWithoutCallsAndSaysSo() {
        String sql = "SELECT DISTINCT page FROM pageviews";
        assertEquals(
                """
                StreamGroupAggregate(group=[page], distinct) [retract; state: accumulators and row count per group]
                  StreamExchange(hash=[page]) [insert-only]
                    StreamCalc(select=[$1 AS page]) [insert-only]
                      StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                """,
                explain(sql));
        assertTrue(
                physical(sql, StreamSink.Target.PUSH)
                        .contains("  StreamGroupAggregate(group=[{0}], distinct=[true]) [retract]\n"
                                + "    StreamExchange(distribution=[hash[0]]) [insert-only]\n"),
                physical(sql, StreamSink.Target.PUSH));
    }

    @Test
    void havingIsACalcOverTheAggregate() {
        assertEquals(
                """
                StreamCalc(where=>($1, 1), select=[$0 AS page, $1 AS n]) [retract]
                  StreamGroupAggregate(group=[page], aggregates=[COUNT()]) [retract; state: accumulators and row count per group]
                    StreamExchange(hash=[page]) [insert-only]
                      StreamCalc(select=[$1 AS page]) [insert-only]
                        StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                """,
                explain("SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page HAVING COUNT(*) > 1"));
    }

    @Test
    void unionAllRetractsWhenOneInputDoes() {
        assertEquals(
                """
                StreamUnionAll [retract]
                  StreamCalc(select=[$1 AS page]) [insert-only]
                    StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                  StreamCalc(select=[$1 AS name]) [retract]
                    StreamChangelogNormalize(key=[id]) [retract; state: last row per key]
                      StreamSource(users, table, topic=users) [upsert]
                """,
                explain("SELECT page FROM pageviews UNION ALL SELECT name FROM users"));
        assertTrue(plan("SELECT page FROM pageviews UNION ALL SELECT page FROM pageviews")
                .appendOnly());
        assertEquals(
                """
                StreamGroupAggregate(group=[page], distinct) [retract; state: accumulators and row count per group, \
                values kept for retraction]
                  StreamExchange(hash=[page]) [retract]
                    StreamUnionAll [retract]
                      StreamCalc(select=[$1 AS page]) [insert-only]
                        StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                      StreamCalc(select=[$1 AS name]) [retract]
                        StreamChangelogNormalize(key=[id]) [retract; state: last row per key]
                          StreamSource(users, table, topic=users) [upsert]
                """,
                explain("SELECT page FROM pageviews UNION SELECT name FROM users"));
    }

    @Test
    void aTableIsNormalizedRightAfterItsSourceAndKeepsItsKey() {
        String sql = "SELECT id, name FROM users WHERE region = 'eu'";
        assertEquals(
                """
                StreamCalc(where==($2, 'eu'), select=[$0 AS id, $1 AS name]) [retract]
                  StreamChangelogNormalize(key=[id]) [retract; state: last row per key]
                    StreamSource(users, table, topic=users) [upsert]
                """,
                explain(sql));
        assertTrue(
                physical(sql, StreamSink.Target.TABLE)
                        .endsWith("    StreamChangelogNormalize(key=[[id]]) [retract]\n"
                                + "      StreamTableSourceScan(table=[[public, users]], kind=[table]) [upsert]\n"),
                physical(sql, StreamSink.Target.TABLE));
        assertArrayEquals(new int[] {0}, plan(sql).outputKey());
        assertNull(plan("SELECT name FROM users").outputKey());
        assertEquals(
                """
                StreamCalc(select=[$0 AS region, CASE(=($2, 0), null:DECIMAL(1000, 2), $1) AS total]) [retract]
                  StreamGroupAggregate(group=[region], aggregates=[$SUM0($1), COUNT($1)]) [retract; state: \
                accumulators and row count per group, values kept for retraction]
                    StreamExchange(hash=[region]) [retract]
                      StreamCalc(select=[$2 AS region, $3 AS balance]) [retract]
                        StreamChangelogNormalize(key=[id]) [retract; state: last row per key]
                          StreamSource(users, table, topic=users) [upsert]
                """,
                explain("SELECT region, SUM(balance) AS total FROM users GROUP BY region"));
    }

    @Test
    void aViewIsReadLikeATableAndAggregatesStack() {
        assertEquals(
                """
                StreamGroupAggregate(group=[n], aggregates=[COUNT()]) [retract; state: accumulators and row count \
                per group, values kept for retraction]
                  StreamExchange(hash=[n]) [retract]
                    StreamCalc(select=[$1 AS n]) [retract]
                      StreamChangelogNormalize(key=[page]) [retract; state: last row per key]
                        StreamSource(page_counts, materialized view, topic=page_counts) [upsert]
                """,
                explain("SELECT n, COUNT(*) AS pages FROM page_counts GROUP BY n"));
        assertEquals(
                """
                StreamGroupAggregate(group=[n], aggregates=[COUNT()]) [retract; state: accumulators and row count \
                per group, values kept for retraction]
                  StreamExchange(hash=[n]) [retract]
                    StreamCalc(select=[$1 AS n]) [retract]
                      StreamGroupAggregate(group=[page], aggregates=[COUNT()]) [retract; state: accumulators and \
                row count per group]
                        StreamExchange(hash=[page]) [insert-only]
                          StreamCalc(select=[$1 AS page]) [insert-only]
                            StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                """,
                explain("SELECT n, COUNT(*) AS c FROM (SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page)"
                        + " GROUP BY n"));
    }

    @Test
    void aGlobalAggregateRunsOnOneTask() {
        StreamPlan plan = plan("SELECT COUNT(*) AS n FROM pageviews");
        assertEquals(
                """
                StreamGroupAggregate(group=[], aggregates=[COUNT()]) [retract; state: accumulators and row count per group]
                  StreamExchange(single) [insert-only]
                    StreamSource(pageviews, stream, topic=pageviews) [insert-only]
                """,
                plan.explain());
        assertArrayEquals(new int[0], plan.outputKey());
        assertTrue(physical("SELECT COUNT(*) AS n FROM pageviews", StreamSink.Target.TABLE)
                .contains("StreamExchange(distribution=[single]) [insert-only]"));
    }

    @Test
    void aGroupByOverStreamsSplitsAtItsExchangeWithALocalAggregateBelow() {
        StreamPlan plan = plan("SELECT page, COUNT(*) AS n, MAX(user_id) AS top FROM pageviews"
                + " WHERE user_id > 0 GROUP BY page HAVING COUNT(*) > 1");
        assertTrue(plan.parallelExchange() != null);
        StreamPlan split = plan.withLocalAggregate();
        assertEquals(
                String.join(
                        "\n",
                        "StreamCalc(where=>($1, 1), select=[$0 AS page, $1 AS n, $2 AS top]) [retract]",
                        "  StreamGroupAggregate(group=[page], aggregates=[$SUM0($1) merging COUNT(), MAX($2) merging"
                                + " MAX($1)]) [retract; state: accumulators and row count per group]",
                        "    StreamExchange(hash=[page]) [insert-only]",
                        "      StreamLocalAggregate(group=[page], partials=[COUNT(), MAX($1)]) [insert-only; state:"
                                + " partials per group until the end of each input batch]",
                        "        StreamCalc(where=>($0, 0), select=[$1 AS page, $0 AS user_id]) [insert-only]",
                        "          StreamSource(pageviews, stream, topic=pageviews) [insert-only]",
                        ""),
                split.explain());
        // The split plan still splits at its (new) exchange, and splitting twice changes nothing.
        assertTrue(split.parallelExchange() != null);
        assertEquals(split.explain(), split.withLocalAggregate().explain());
        assertEquals(plan.columns(), split.columns());
        assertArrayEquals(plan.outputKey(), split.outputKey());
    }

    @Test
    void onlyKeyedAggregatesOverInsertsSplitAndOnlyMergeableOnesGetALocalAggregate() {
        // Over a table: the normalize below the exchange keeps state.
        assertNull(
                plan("SELECT region, COUNT(*) AS n FROM users GROUP BY region").parallelExchange());
        // A global aggregate has no key to spread by: it splits only with a local aggregate below, all
        // partials going to one task.
        StreamPlan global = plan("SELECT COUNT(*) AS n, MAX(user_id) AS top FROM pageviews");
        assertNull(global.parallelExchange());
        StreamNode.Exchange single = global.withLocalAggregate().parallelExchange();
        assertArrayEquals(new int[0], single.keys());
        assertTrue(single.input() instanceof StreamNode.LocalAggregate);
        assertNull(plan("SELECT COUNT(DISTINCT page) AS n FROM pageviews")
                .withLocalAggregate()
                .parallelExchange());
        // Two aggregates: two exchanges.
        assertNull(plan("SELECT n, COUNT(*) AS c FROM (SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page)"
                        + " GROUP BY n")
                .parallelExchange());
        // COUNT(DISTINCT) splits at the exchange but its partials would not merge.
        StreamPlan distinct = plan("SELECT page, COUNT(DISTINCT user_id) AS u FROM pageviews GROUP BY page");
        assertTrue(distinct.parallelExchange() != null);
        assertSame(distinct, distinct.withLocalAggregate());
    }

    @Test
    void groupStateKeysAreMemcomparableUnlessAnOlderQueryAsksForValueCodecKeys() {
        StreamPlan plan = plan("SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page");
        long oid = plan.sources().get(0).oid();
        int width = plan.root().inputs().isEmpty() ? 0 : sourceWidth(plan.root());
        Object[] row = new Object[width];
        row[1] = "/cart";
        List<byte[]> memcomparable = stateKeys(plan.instantiate((kind, r) -> {}), oid, row);
        List<byte[]> valueCodec = stateKeys(plan.instantiate((kind, r) -> {}).withValueCodecStateKeys(), oid, row);
        assertEquals(1, memcomparable.size());
        assertArrayEquals(
                dev.sluice.executor.codec.KeyCodec.encode(SqlType.VARCHAR, "/cart"),
                java.util.Arrays.copyOfRange(memcomparable.get(0), 2, memcomparable.get(0).length));
        assertArrayEquals(
                dev.sluice.executor.stream.ValueCodec.encodeRow(new Object[] {"/cart"}),
                java.util.Arrays.copyOfRange(valueCodec.get(0), 2, valueCodec.get(0).length));
    }

    private static int sourceWidth(StreamNode node) {
        return node instanceof StreamNode.Source s
                ? s.rowType().getFieldCount()
                : sourceWidth(node.inputs().get(0));
    }

    private static List<byte[]> stateKeys(Pipeline pipeline, long oid, Object[] row) {
        pipeline.input(oid).collect(dev.sluice.common.RowKind.INSERT, row.clone());
        pipeline.flush();
        List<byte[]> keys = new ArrayList<>();
        pipeline.snapshot((key, value) -> keys.add(key));
        return keys;
    }

    @Test
    void aConnectorSourceIsInsertOnly() {
        assertEquals(
                """
                StreamGroupAggregate(group=[auction], aggregates=[COUNT()]) [retract; state: accumulators and row \
                count per group]
                  StreamExchange(hash=[auction]) [insert-only]
                    StreamCalc(select=[$0 AS auction]) [insert-only]
                      StreamSource(bid, source, connector=nexmark) [insert-only]
                """,
                explain("SELECT auction, COUNT(*) AS n FROM bid GROUP BY auction"));
        assertTrue(
                plan("SELECT auction, price * 2 AS p FROM bid WHERE price > 10").appendOnly());
    }

    /** The server decides how to run an exchange (topic or pass-through), so none is ever left out. */
    @Test
    void everyAggregateReadsAnExchangeByItsGroupKey() {
        for (String sql : List.of(
                "SELECT DISTINCT page FROM pageviews",
                "SELECT COUNT(*) AS n FROM users",
                "SELECT page FROM pageviews UNION SELECT name FROM users",
                "SELECT n, COUNT(*) AS c FROM (SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page) GROUP BY n",
                "SELECT region, MAX(balance) AS m FROM users GROUP BY region HAVING MAX(balance) > 1")) {
            List<StreamNode.GroupAggregate> aggregates = new ArrayList<>();
            collect(plan(sql).root(), aggregates);
            assertTrue(!aggregates.isEmpty(), sql);
            for (StreamNode.GroupAggregate agg : aggregates) {
                StreamNode.Exchange exchange = (StreamNode.Exchange) agg.input();
                assertArrayEquals(agg.groupKey(), exchange.keys(), sql);
                assertEquals(exchange.input().mode(), exchange.mode(), sql);
            }
        }
    }

    private static void collect(StreamNode node, List<StreamNode.GroupAggregate> out) {
        if (node instanceof StreamNode.GroupAggregate agg) {
            out.add(agg);
        }
        node.inputs().forEach(in -> collect(in, out));
    }

    @Test
    void aStreamTakesOnlyInsertsAndTheRefusalNamesWhatUpdates() {
        SluiceException e =
                refusal("SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page", StreamSink.Target.STREAM);
        assertEquals(
                "a stream needs a query whose result only grows, but StreamGroupAggregate(group=[page]) updates and"
                        + " deletes rows (retract)",
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("CREATE TABLE AS"));
        assertEquals(
                "a stream needs a query whose result only grows, but StreamGroupAggregate(distinct=[page]) updates"
                        + " and deletes rows (retract)",
                refusal("SELECT DISTINCT page FROM pageviews", StreamSink.Target.STREAM)
                        .getMessage());
        assertEquals(
                "a stream needs a query whose result only grows, but StreamTableSourceScan(users, table) updates and"
                        + " deletes rows (retract)",
                refusal("SELECT id FROM users WHERE id > 3", StreamSink.Target.STREAM)
                        .getMessage());
        assertTrue(planner.plan(catalog.snapshot(), parse("SELECT page FROM pageviews"), "", StreamSink.Target.STREAM)
                .appendOnly());
        assertEquals(
                ChangelogMode.RETRACT,
                planner.plan(
                                catalog.snapshot(),
                                parse("SELECT page, COUNT(*) AS n FROM pageviews GROUP BY page"),
                                "",
                                StreamSink.Target.TABLE)
                        .mode());
    }

    @Test
    void operatorsWithoutAStreamingImplementationAreRefusedByName() {
        String join = "JOIN (and IN/EXISTS sub-queries) in a continuous query is not supported";
        assertEquals(
                join,
                refusal("SELECT p.page FROM pageviews p JOIN users u ON u.id = p.user_id")
                        .getMessage());
        assertTrue(refusal("SELECT p.page FROM pageviews p JOIN users u ON u.id = p.user_id")
                .hint()
                .orElseThrow()
                .startsWith("joins in continuous queries are planned"));
        assertEquals(
                join,
                refusal("SELECT page FROM pageviews WHERE user_id IN (SELECT id FROM users)")
                        .getMessage());
        assertEquals(
                join,
                refusal("SELECT COUNT(*) AS n FROM pageviews p JOIN users u ON u.id = p.user_id")
                        .getMessage());
        String sort = "ORDER BY / LIMIT / OFFSET in a continuous query is not supported";
        assertEquals(sort, refusal("SELECT page FROM pageviews ORDER BY page").getMessage());
        assertEquals(sort, refusal("SELECT page FROM pageviews LIMIT 3").getMessage());
        // Top-down: the sort over the join is what is named.
        assertEquals(
                sort,
                refusal("SELECT p.page FROM pageviews p JOIN users u ON u.id = p.user_id ORDER BY 1")
                        .getMessage());
        assertTrue(refusal("SELECT page FROM pageviews ORDER BY page")
                .hint()
                .orElseThrow()
                .contains("pull query"));
        SluiceException window =
                refusal("SELECT page, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts) AS rn FROM pageviews");
        assertEquals("window functions (OVER) in a continuous query is not supported", window.getMessage());
        assertEquals(
                "INTERSECT in a continuous query is not supported",
                refusal("SELECT page FROM pageviews INTERSECT SELECT name FROM users")
                        .getMessage());
        assertEquals(
                "EXCEPT in a continuous query is not supported",
                refusal("SELECT page FROM pageviews EXCEPT SELECT name FROM users")
                        .getMessage());
        assertEquals(
                "a query without FROM in a continuous query is not supported",
                refusal("SELECT 1 AS one").getMessage());
        assertEquals(
                "LISTAGG without a delimiter in a continuous query is not supported",
                refusal("SELECT STRING_AGG(page) AS s FROM pageviews").getMessage());
    }

    private static List<String> sourceNames(StreamPlan plan) {
        return plan.sources().stream().map(r -> r.name().name()).toList();
    }
}
