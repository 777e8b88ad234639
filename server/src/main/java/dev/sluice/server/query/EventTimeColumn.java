package dev.sluice.server.query;

import dev.sluice.common.types.Column;
import dev.sluice.planner.stream.StreamPlan;
import dev.sluice.sql.ast.AliasedRelation;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QueryBody;
import dev.sluice.sql.ast.QuerySpecification;
import dev.sluice.sql.ast.SelectItem;
import dev.sluice.sql.ast.SetOperation;
import dev.sluice.sql.ast.SetOperator;
import dev.sluice.sql.ast.SingleColumn;
import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the event time of a row written into a stream by a continuous query (CSAS, INSERT INTO ...
 * EMIT CHANGES): a row made from an input row keeps the input's {@code ROWTIME}, as in ksqlDB, not
 * the time the query happened to write it. So a replay after a crash writes the same timestamps,
 * and windows over the derived stream see event time.
 *
 * <p>How: a query that reads one relation and maps rows one to one ({@code SELECT ... FROM s [WHERE
 * ...]}), or a UNION ALL of such queries, is planned with one more result column, {@value #NAME} =
 * {@code ROWTIME} (each branch its own rows'); the sink takes it off each row as the record's
 * timestamp. Other queries (subqueries, UNION without ALL) fall back to the time of writing. A stream declared {@code WITH (timestamp = 'col')} uses its column either way.
 */
final class EventTimeColumn {
    static final String NAME = "_sluice_event_time";

    private EventTimeColumn() {}

    /** The query with {@code ROWTIME AS _sluice_event_time} added, or null when it does not apply. */
    static Query addTo(Query query) {
        if (query.with() != null) {
            return null;
        }
        QueryBody withTime = addTo(query.body());
        return withTime == null
                ? null
                : new Query(query.pos(), null, withTime, query.orderBy(), query.limit(), query.offset(), query.emit());
    }

    /**
     * A one-to-one SELECT from one relation, or a UNION ALL of such (each branch carries its own rows'
     * time), with the event time as last column; null otherwise.
     */
    private static QueryBody addTo(QueryBody body) {
        if (body instanceof SetOperation op) {
            if (op.operator() != SetOperator.UNION || !op.all()) {
                return null;
            }
            QueryBody left = addTo(op.left());
            QueryBody right = addTo(op.right());
            return left == null || right == null ? null : new SetOperation(op.pos(), op.operator(), true, left, right);
        }
        if (!(body instanceof QuerySpecification spec)) {
            return null;
        }
        if (spec.distinct()
                || !spec.distinctOn().isEmpty()
                || !spec.groupBy().isEmpty()
                || spec.having() != null
                || spec.window() != null
                || spec.from().size() != 1) {
            return null;
        }
        var from = spec.from().get(0);
        if (from instanceof AliasedRelation a) {
            from = a.relation();
        }
        if (!(from instanceof Table)) {
            return null;
        }
        List<SelectItem> select = new ArrayList<>(spec.select());
        select.add(new SingleColumn(SourcePos.UNKNOWN, new ColumnRef(SourcePos.UNKNOWN, List.of("rowtime")), NAME));
        return new QuerySpecification(
                spec.pos(), false, List.of(), select, spec.from(), null, spec.where(), List.of(), null);
    }

    /** True when the plan's last result column is the event time. */
    static boolean carriedBy(StreamPlan plan) {
        List<Column> columns = plan.columns();
        return !columns.isEmpty() && columns.get(columns.size() - 1).name().equals(NAME);
    }

    /** The plan's result columns without the event time. */
    static List<Column> visibleColumns(StreamPlan plan) {
        List<Column> columns = plan.columns();
        return carriedBy(plan) ? columns.subList(0, columns.size() - 1) : columns;
    }
}
