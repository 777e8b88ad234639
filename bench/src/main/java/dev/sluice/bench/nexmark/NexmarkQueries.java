package dev.sluice.bench.nexmark;

import dev.sluice.executor.nexmark.NexmarkTable;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.CatalogSnapshot;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.planner.stream.StreamPlanner;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.QueryStatement;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Nexmark queries the benchmark runs, in Sluice SQL, and the catalog they run against: three
 * streams {@code person}, {@code auction}, {@code bid} with the schemas of {@link NexmarkTable}
 * (event time = {@code date_time}).
 *
 * <p>The texts follow the Nexmark suite's Flink SQL (github.com/nexmark/nexmark,
 * nexmark-flink/src/main/resources/queries/q0.sql ... q2.sql) with Flink's {@code dateTime} spelled
 * {@code date_time}, as Sluice's (and RisingWave's) Nexmark schema names it. {@code count} is not a
 * numbered Nexmark query: it stands in for the aggregating queries (q4, q5), which need joins and
 * windows the stream planner refuses today.
 */
public final class NexmarkQueries {
    /** Query name → SQL, in the order the benchmark runs them. */
    public static final Map<String, String> QUERIES = queries();

    /**
     * Queries that need what the stream planner does not support yet (joins, windows); the
     * benchmark tries to plan them and reports the refusal instead of a figure.
     */
    public static final Map<String, String> UNSUPPORTED = unsupported();

    private final Map<NexmarkTable, Relation> relations = new EnumMap<>(NexmarkTable.class);
    private final CatalogSnapshot snapshot;

    public NexmarkQueries() {
        Catalog catalog = new Catalog();
        for (NexmarkTable table : NexmarkTable.values()) {
            Relation relation = new Relation(
                    catalog.allocateOid(),
                    QualifiedName.of(table.tableName()),
                    RelationKind.STREAM,
                    table.schema(),
                    "date_time",
                    table.tableName(),
                    TopicSettings.stream(1),
                    Map.of("connector", "nexmark", "table", table.tableName()),
                    "CREATE SOURCE " + table.tableName() + " WITH (connector = 'nexmark', table = '" + table.tableName()
                            + "')",
                    List.of(),
                    false);
            catalog.apply(new CatalogChange.Put(relation));
            relations.put(table, relation);
        }
        snapshot = catalog.snapshot();
    }

    private static Map<String, String> queries() {
        Map<String, String> q = new LinkedHashMap<>();
        // q0: pass-through, measures the source and sink.
        q.put("q0", "SELECT auction, bidder, price, date_time, extra FROM bid");
        // q1: currency conversion (dollar to euro); 0.908 * BIGINT is DECIMAL, as in Flink.
        q.put("q1", "SELECT auction, bidder, 0.908 * price AS price, date_time, extra FROM bid");
        // q2: selection.
        q.put("q2", "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0");
        // Bids per auction, not windowed: an unbounded group aggregate with one group per auction.
        q.put("count", "SELECT auction, COUNT(*) AS bids FROM bid GROUP BY auction");
        return q;
    }

    private static Map<String, String> unsupported() {
        Map<String, String> q = new LinkedHashMap<>();
        // q4-like: average closing price per category (join of auction and bid, then two aggregates).
        q.put(
                "q4",
                "SELECT q.category, AVG(q.final) AS avg_final FROM ("
                        + "SELECT MAX(b.price) AS final, a.category FROM auction a JOIN bid b ON a.id = b.auction"
                        + " WHERE b.date_time BETWEEN a.date_time AND a.expires GROUP BY a.id, a.category) q"
                        + " GROUP BY q.category");
        // q5-like: hot items, without the sliding window (bids per auction, then the max of them).
        q.put(
                "q5",
                "SELECT c.auction, c.num FROM (SELECT auction, COUNT(*) AS num FROM bid GROUP BY auction) c"
                        + " JOIN (SELECT MAX(num) AS maxn FROM (SELECT auction, COUNT(*) AS num FROM bid"
                        + " GROUP BY auction) t) m ON c.num >= m.maxn");
        return q;
    }

    public Relation relation(NexmarkTable table) {
        return relations.get(table);
    }

    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    /** Parses and plans {@code sql} as a continuous query; throws the planner's SluiceException. */
    public StreamPlan plan(String sql) {
        QueryStatement statement = (QueryStatement) SqlParser.parseStatement(sql);
        return new StreamPlanner(NO_PULL_READS)
                .plan(snapshot, new QueryConverter(List.of()).convert(statement.query()), sql);
    }

    /** Continuous queries over streams never read stored rows at plan time. */
    private static final RelationReader NO_PULL_READS = new RelationReader() {
        @Override
        public Iterator<StoredRow> scan(Relation relation) {
            throw new UnsupportedOperationException("the Nexmark benchmark has no stored rows");
        }

        @Override
        public Optional<StoredRow> lookup(Relation relation, Object[] key) {
            throw new UnsupportedOperationException("the Nexmark benchmark has no stored rows");
        }
    };
}
