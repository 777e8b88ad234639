package dev.sluice.planner.sql;

import dev.sluice.sql.ast.AliasedRelation;
import dev.sluice.sql.ast.AllColumns;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Join;
import dev.sluice.sql.ast.NamedQuery;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QueryBody;
import dev.sluice.sql.ast.QuerySpecification;
import dev.sluice.sql.ast.Relation;
import dev.sluice.sql.ast.SelectItem;
import dev.sluice.sql.ast.SetOperation;
import dev.sluice.sql.ast.SingleColumn;
import dev.sluice.sql.ast.SubqueryBody;
import dev.sluice.sql.ast.SubqueryRelation;
import dev.sluice.sql.ast.Table;
import dev.sluice.sql.ast.TableFunction;
import dev.sluice.sql.ast.Values;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.JoinType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Converts an AST {@link Query} into a Calcite query node ({@link SqlSelect}, set operations,
 * {@link SqlOrderBy}, {@link SqlWith}). Streaming clauses (EMIT, WINDOW TUMBLING, WITHIN) are not
 * part of a snapshot query: the caller routes statements that have them to the continuous-query
 * planner, and they are refused here.
 */
public final class QueryConverter {
    private final ExpressionConverter expressions;

    /** A converter for statements whose parameters have no declared types. */
    public QueryConverter() {
        this(List.of());
    }

    /**
     * @param parameterTypes the type the client declared for each {@code $n} (null where it
     *     declared none); a declared type becomes a CAST around the parameter
     */
    public QueryConverter(List<dev.sluice.common.types.SqlType> parameterTypes) {
        this.expressions = new ExpressionConverter(this, parameterTypes);
    }

    /** Converts a query (the {@code EMIT} clause, if any, is the caller's business). */
    public SqlNode convert(Query q) {
        SqlParserPos pos = Positions.of(q);
        boolean outermost = depth == 0;
        depth++;
        SqlNode body;
        try {
            body = outermost && q.body() instanceof QuerySpecification spec ? select(spec, true) : body(q.body());
        } finally {
            depth--;
        }
        if (!q.orderBy().isEmpty() || q.limit() != null || q.offset() != null) {
            SqlNodeList order = new SqlNodeList(pos);
            q.orderBy().forEach(s -> order.add(expressions.sortItem(s)));
            body = new SqlOrderBy(
                    pos,
                    body,
                    order,
                    q.offset() == null ? null : expressions.convert(q.offset()),
                    q.limit() == null ? null : expressions.convert(q.limit()));
        }
        if (q.with() != null) {
            if (q.with().recursive()) {
                throw Positions.unsupported("WITH RECURSIVE", q.with());
            }
            SqlNodeList items = new SqlNodeList(Positions.of(q.with()));
            for (NamedQuery named : q.with().queries()) {
                SqlParserPos p = Positions.of(named);
                items.add(new SqlWithItem(
                        p, new SqlIdentifier(named.name(), p), columnList(named.columns(), p), convert(named.query())));
            }
            body = new SqlWith(pos, items, body);
        }
        return body;
    }

    /** A standalone expression (e.g. a DML value), for callers outside queries. */
    public SqlNode convertExpression(Expression e) {
        return expressions.convert(e);
    }

    private SqlNode body(QueryBody b) {
        SqlParserPos pos = Positions.of(b);
        if (b instanceof QuerySpecification spec) {
            return select(spec, false);
        }
        if (b instanceof SetOperation set) {
            SqlOperator op =
                    switch (set.operator()) {
                        case UNION -> set.all() ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION;
                        case INTERSECT -> set.all() ? SqlStdOperatorTable.INTERSECT_ALL : SqlStdOperatorTable.INTERSECT;
                        case EXCEPT -> set.all() ? SqlStdOperatorTable.EXCEPT_ALL : SqlStdOperatorTable.EXCEPT;
                    };
            return op.createCall(pos, body(set.left()), body(set.right()));
        }
        if (b instanceof Values v) {
            List<SqlNode> rows = new ArrayList<>();
            for (List<Expression> row : v.rows()) {
                rows.add(SqlStdOperatorTable.ROW.createCall(pos, expressions.convertAll(row)));
            }
            return SqlStdOperatorTable.VALUES.createCall(pos, rows);
        }
        if (b instanceof SubqueryBody s) {
            return convert(s.query());
        }
        throw Positions.unsupported(ExpressionConverter.describe(b), b);
    }

    /** How deep in nested queries the conversion is; 0 outside any. */
    private int depth;

    /**
     * @param outermost the statement's own select list, where {@code x::regclass} prints the name
     *     ({@code users}) as PostgreSQL's regclass output does; inside, it stays an OID to compare
     */
    private SqlSelect select(QuerySpecification spec, boolean outermost) {
        spec = setReturningSelect(spec);
        SqlParserPos pos = Positions.of(spec);
        if (!spec.distinctOn().isEmpty()) {
            throw Positions.unsupported("DISTINCT ON", spec);
        }
        if (spec.window() != null) {
            throw Positions.unsupported(
                    "a WINDOW clause in a query that is not continuous (add EMIT CHANGES)", spec.window());
        }
        SqlNodeList keywords = spec.distinct() ? SqlNodeList.of(SqlSelectKeyword.DISTINCT.symbol(pos)) : null;
        SqlNodeList selectList = new SqlNodeList(pos);
        java.util.Set<String> generated = new java.util.HashSet<>();
        Expression expandArray = expandArrayArgument(spec);
        if (expandArray != null) {
            expressions.expandArrayAs(EXPAND_ARRAY_ALIAS);
        }
        try {
            for (SelectItem item : spec.select()) {
                selectList.add(selectItem(item, generated, outermost));
            }
        } finally {
            expressions.expandArrayAs(null);
        }
        SqlNode from = null;
        for (Relation r : spec.from()) {
            SqlNode next = relation(r);
            from = from == null
                    ? next
                    : new SqlJoin(
                            pos,
                            from,
                            SqlLiteral.createBoolean(false, pos),
                            JoinType.COMMA.symbol(pos),
                            next,
                            JoinConditionType.NONE.symbol(pos),
                            null);
        }
        if (expandArray != null) {
            // PostgreSQL runs a set-returning function in the select list once per row, in lock
            // step with any other: here, one UNNEST WITH ORDINALITY joined to the FROM clause.
            SqlNode unnest = SqlStdOperatorTable.AS.createCall(
                    pos,
                    SqlStdOperatorTable.UNNEST_WITH_ORDINALITY.createCall(pos, expressions.convert(expandArray)),
                    new SqlIdentifier(EXPAND_ARRAY_ALIAS, pos),
                    new SqlIdentifier("x", pos),
                    new SqlIdentifier("n", pos));
            from = from == null
                    ? unnest
                    : new SqlJoin(
                            pos,
                            from,
                            SqlLiteral.createBoolean(false, pos),
                            JoinType.COMMA.symbol(pos),
                            unnest,
                            JoinConditionType.NONE.symbol(pos),
                            null);
        }
        SqlNodeList groupBy = null;
        if (!spec.groupBy().isEmpty()) {
            groupBy = new SqlNodeList(pos);
            for (Expression e : spec.groupBy()) {
                groupBy.add(expressions.convert(e));
            }
        }
        return new SqlSelect(
                pos,
                keywords,
                selectList,
                from,
                spec.where() == null ? null : expressions.convert(spec.where()),
                groupBy,
                spec.having() == null ? null : expressions.convert(spec.having()),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * Marks a generated column name made unique: {@code SELECT NULL, NULL ... ORDER BY 1} names
     * both columns {@code ?column?} in PostgreSQL, but Calcite resolves ORDER BY through the names,
     * so the second is {@code ?column?<marker>1} inside and {@code ?column?} in the result.
     */
    private static final String DUPLICATE_MARKER = "\u0001";

    /** The name a client sees for a result column Calcite calls {@code name}. */
    public static String outputName(String name) {
        int at = name.indexOf(DUPLICATE_MARKER);
        return at < 0 ? name : name.substring(0, at);
    }

    private static final String EXPAND_ARRAY_ALIAS = "_pg_expandarray";

    /**
     * The array of {@code information_schema._pg_expandarray(a)} in the select list (pgjdbc's
     * getPrimaryKeys), or null. Every such call must expand the same array.
     */
    /**
     * {@code SELECT generate_series(1, 3) [AS n]} (or {@code unnest(a)}) without FROM, as PostgreSQL
     * allows: a set-returning function in the select list becomes {@code SELECT n FROM
     * generate_series(1, 3) AS n}, one row per value. Other uses of set-returning functions in the
     * select list are left to fail as unknown functions.
     */
    private static QuerySpecification setReturningSelect(QuerySpecification spec) {
        if (!spec.from().isEmpty()
                || spec.select().size() != 1
                || !(spec.select().get(0) instanceof dev.sluice.sql.ast.SingleColumn item)
                || !(item.expression() instanceof dev.sluice.sql.ast.FunctionCall call)
                || call.star()
                || call.distinct()
                || call.over() != null
                || call.name().parts().size() != 1) {
            return spec;
        }
        String name = call.name().last().toLowerCase(java.util.Locale.ROOT);
        if (!name.equals("generate_series") && !name.equals("unnest")) {
            return spec;
        }
        String column = item.alias() != null ? item.alias() : name;
        var from = new dev.sluice.sql.ast.AliasedRelation(
                call.pos(), new dev.sluice.sql.ast.TableFunction(call.pos(), call, false), column, List.of(column));
        var select = new dev.sluice.sql.ast.SingleColumn(
                item.pos(), new dev.sluice.sql.ast.ColumnRef(item.pos(), List.of(column)), null);
        return new QuerySpecification(
                spec.pos(),
                spec.distinct(),
                spec.distinctOn(),
                List.of(select),
                List.of(from),
                spec.window(),
                spec.where(),
                spec.groupBy(),
                spec.having());
    }

    private static Expression expandArrayArgument(QuerySpecification spec) {
        Expression found = null;
        for (SelectItem item : spec.select()) {
            if (item instanceof SingleColumn c) {
                Expression e = c.expression();
                if (e instanceof dev.sluice.sql.ast.FieldAccess f) {
                    e = f.base();
                }
                if (ExpressionConverter.isExpandArray(e)) {
                    Expression arg =
                            ((dev.sluice.sql.ast.FunctionCall) e).arguments().get(0);
                    if (found != null
                            && !dev.sluice.sql.SqlFormatter.format(found)
                                    .equals(dev.sluice.sql.SqlFormatter.format(arg))) {
                        throw Positions.unsupported("_pg_expandarray of two different arrays", e);
                    }
                    found = arg;
                }
            }
        }
        return found;
    }

    private SqlNode selectItem(SelectItem item, java.util.Set<String> generated, boolean outermost) {
        SqlParserPos pos = Positions.of(item);
        if (item instanceof AllColumns all) {
            if (all.qualifier() == null) {
                return SqlIdentifier.star(pos);
            }
            List<String> names = new ArrayList<>(all.qualifier().parts());
            names.add("");
            List<SqlParserPos> positions = new ArrayList<>();
            names.forEach(n -> positions.add(pos));
            return SqlIdentifier.star(names, pos, positions);
        }
        SingleColumn column = (SingleColumn) item;
        SqlNode e = expressions.convert(column.expression());
        if (outermost) {
            e = PgCasts.regOutput(column.expression(), e);
        }
        String alias = column.alias() != null ? column.alias() : ColumnNames.of(column.expression());
        if (column.alias() == null && alias != null && !generated.add(alias)) {
            int n = 1;
            while (!generated.add(alias + DUPLICATE_MARKER + n)) {
                n++;
            }
            alias = alias + DUPLICATE_MARKER + n;
        }
        return alias == null ? e : SqlStdOperatorTable.AS.createCall(pos, e, new SqlIdentifier(alias, pos));
    }

    private SqlNode relation(Relation r) {
        SqlParserPos pos = Positions.of(r);
        if (r instanceof Table t) {
            return new SqlIdentifier(t.name().parts(), pos);
        }
        if (r instanceof AliasedRelation a && a.relation() instanceof TableFunction f) {
            return TableFunctions.convert(f, a.alias(), a.columnAliases(), expressions, pos);
        }
        if (r instanceof TableFunction f) {
            String name = f.call().name().last();
            return TableFunctions.convert(f, name, List.of(), expressions, pos);
        }
        if (r instanceof AliasedRelation a) {
            List<SqlNode> operands = new ArrayList<>();
            operands.add(relation(a.relation()));
            operands.add(new SqlIdentifier(a.alias(), pos));
            a.columnAliases().forEach(c -> operands.add(new SqlIdentifier(c, pos)));
            return SqlStdOperatorTable.AS.createCall(pos, operands);
        }
        if (r instanceof SubqueryRelation s) {
            SqlNode q = convert(s.query());
            return s.lateral() ? SqlStdOperatorTable.LATERAL.createCall(pos, q) : q;
        }
        if (r instanceof Join j) {
            return join(j, pos);
        }
        throw Positions.unsupported(ExpressionConverter.describe(r) + " in FROM", r);
    }

    private SqlNode join(Join j, SqlParserPos pos) {
        if (j.within() != null) {
            throw Positions.unsupported("WITHIN in a query that is not continuous (add EMIT CHANGES)", j.within());
        }
        JoinType type =
                switch (j.type()) {
                    case INNER -> JoinType.INNER;
                    case LEFT -> JoinType.LEFT;
                    case RIGHT -> JoinType.RIGHT;
                    case FULL -> JoinType.FULL;
                    case CROSS -> JoinType.CROSS;
                };
        JoinConditionType conditionType;
        SqlNode condition = null;
        if (j.on() != null) {
            conditionType = JoinConditionType.ON;
            condition = expressions.convert(j.on());
        } else if (!j.using().isEmpty()) {
            conditionType = JoinConditionType.USING;
            condition = columnList(j.using(), pos);
        } else {
            conditionType = JoinConditionType.NONE;
        }
        return new SqlJoin(
                pos,
                relation(j.left()),
                SqlLiteral.createBoolean(j.natural(), pos),
                type.symbol(pos),
                relation(j.right()),
                conditionType.symbol(pos),
                condition);
    }

    private static SqlNodeList columnList(List<String> names, SqlParserPos pos) {
        if (names.isEmpty()) {
            return null;
        }
        SqlNodeList list = new SqlNodeList(pos);
        names.forEach(n -> list.add(new SqlIdentifier(n, pos)));
        return list;
    }
}
