package dev.sluice.sql;

import dev.sluice.sql.ast.AliasedRelation;
import dev.sluice.sql.ast.AllColumns;
import dev.sluice.sql.ast.Duration;
import dev.sluice.sql.ast.DurationUnit;
import dev.sluice.sql.ast.EmitMode;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.FunctionCall;
import dev.sluice.sql.ast.HoppingWindow;
import dev.sluice.sql.ast.Join;
import dev.sluice.sql.ast.JoinType;
import dev.sluice.sql.ast.NamedQuery;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.QueryBody;
import dev.sluice.sql.ast.QuerySpecification;
import dev.sluice.sql.ast.Relation;
import dev.sluice.sql.ast.SelectItem;
import dev.sluice.sql.ast.SessionWindow;
import dev.sluice.sql.ast.SetOperation;
import dev.sluice.sql.ast.SetOperator;
import dev.sluice.sql.ast.SingleColumn;
import dev.sluice.sql.ast.SortItem;
import dev.sluice.sql.ast.StreamWindow;
import dev.sluice.sql.ast.SubqueryBody;
import dev.sluice.sql.ast.SubqueryRelation;
import dev.sluice.sql.ast.Table;
import dev.sluice.sql.ast.TableFunction;
import dev.sluice.sql.ast.TumblingWindow;
import dev.sluice.sql.ast.Values;
import dev.sluice.sql.ast.With;
import dev.sluice.sql.ast.WithinBound;
import dev.sluice.sql.grammar.SluiceSqlParser.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parse tree → AST for queries: WITH, set operations, SELECT, FROM and joins, streaming windows, EMIT. */
abstract class QueryBuilder extends ExpressionBuilder {

    @Override
    Query query(QueryContext ctx) {
        QueryNoWithContext q = ctx.queryNoWith();
        With with = ctx.with() == null ? null : with(ctx.with());
        Expression limit = null;
        Expression offset = null;
        for (LimitOffsetContext lo : q.limitOffset()) {
            if (lo instanceof LimitClauseContext l) {
                limit = l.ALL() != null ? null : expr(l.limit);
            } else if (lo instanceof OffsetClauseContext o) {
                offset = expr(o.offset);
            } else {
                FetchFirstClauseContext f = (FetchFirstClauseContext) lo;
                limit = f.fetchFirst == null ? new dev.sluice.sql.ast.NumberLiteral(pos(f), "1") : expr(f.fetchFirst);
            }
        }
        EmitMode emit = null;
        if (q.emitMode() != null) {
            emit = q.emitMode().CHANGES() != null ? EmitMode.CHANGES : EmitMode.FINAL;
        }
        return new Query(pos(ctx), with, body(q.queryTerm()), sortItems(q.sortItem()), limit, offset, emit);
    }

    @Override
    public Object visitQuery(QueryContext ctx) {
        return query(ctx);
    }

    private With with(WithContext ctx) {
        List<NamedQuery> queries = new ArrayList<>();
        for (NamedQueryContext n : ctx.namedQuery()) {
            List<String> columns = n.columnAliases() == null
                    ? List.of()
                    : identifiers(n.columnAliases().identifier());
            queries.add(new NamedQuery(pos(n), identifier(n.identifier()), columns, query(n.query())));
        }
        return new With(pos(ctx), ctx.RECURSIVE() != null, queries);
    }

    QueryBody body(QueryTermContext ctx) {
        if (ctx instanceof SetOperationContext s) {
            SetOperator op = SetOperator.valueOf(s.operator.getText().toUpperCase(Locale.ROOT));
            boolean all = s.setQuantifier() != null && s.setQuantifier().ALL() != null;
            return new SetOperation(pos(ctx), op, all, body(s.left), body(s.right));
        }
        QueryPrimaryContext p = ((QueryTermDefaultContext) ctx).queryPrimary();
        if (p instanceof InlineValuesContext v) {
            List<List<Expression>> rows = new ArrayList<>();
            for (ValuesRowContext r : v.valuesRow()) {
                rows.add(exprs(r.expression()));
            }
            return new Values(pos(p), rows);
        }
        if (p instanceof SubqueryPrimaryContext s) {
            return new SubqueryBody(pos(p), query(s.query()));
        }
        return specification(((QueryPrimaryDefaultContext) p).querySpecification());
    }

    private QuerySpecification specification(QuerySpecificationContext ctx) {
        List<SelectItem> select = new ArrayList<>();
        for (SelectItemContext item : ctx.selectItem()) {
            select.add(selectItem(item));
        }
        List<Relation> from = new ArrayList<>();
        for (RelationContext r : ctx.relation()) {
            from.add(relation(r));
        }
        List<Expression> groupBy =
                ctx.groupBy() == null ? List.of() : exprs(ctx.groupBy().expression());
        // DISTINCT ON's expressions are the only expression children outside where/having/groupBy.
        List<Expression> distinctOn =
                ctx.ON() == null ? List.of() : exprs(ctx.expression().subList(0, distinctOnCount(ctx)));
        return new QuerySpecification(
                pos(ctx),
                ctx.DISTINCT() != null,
                distinctOn,
                select,
                from,
                ctx.streamWindow() == null ? null : window(ctx.streamWindow()),
                expr(ctx.where),
                groupBy,
                expr(ctx.having));
    }

    private static int distinctOnCount(QuerySpecificationContext ctx) {
        int n = ctx.expression().size();
        if (ctx.where != null) {
            n--;
        }
        if (ctx.having != null) {
            n--;
        }
        return n;
    }

    private SelectItem selectItem(SelectItemContext ctx) {
        if (ctx instanceof SelectAllContext a) {
            return new AllColumns(pos(ctx), a.qualifiedName() == null ? null : qualifiedName(a.qualifiedName()));
        }
        SelectSingleContext s = (SelectSingleContext) ctx;
        String alias = null;
        if (s.alias != null) {
            alias = s.alias.nonReserved() != null
                    ? s.alias.getText().toLowerCase(Locale.ROOT)
                    : word(s.alias.getStart());
        } else if (s.implicitAlias != null) {
            alias = word(s.implicitAlias);
        }
        return new SingleColumn(pos(ctx), expr(s.expression()), alias);
    }

    // ---------------------------------------------------------------- FROM

    Relation relation(RelationContext ctx) {
        if (ctx instanceof RelationDefaultContext d) {
            return relationPrimary(d.relationPrimary());
        }
        if (ctx instanceof CrossJoinContext c) {
            return new Join(
                    pos(ctx), JoinType.CROSS, false, relation(c.left), relationPrimary(c.right), null, null, null);
        }
        if (ctx instanceof NaturalJoinContext n) {
            return new Join(
                    pos(ctx),
                    joinType(n.joinType()),
                    true,
                    relation(n.left),
                    relationPrimary(n.right),
                    null,
                    null,
                    null);
        }
        JoinRelationContext j = (JoinRelationContext) ctx;
        JoinCriteriaContext c = j.joinCriteria();
        Expression on = c.ON() != null ? expr(c.expression()) : null;
        List<String> using = c.USING() != null ? identifiers(c.identifier()) : List.of();
        WithinBound within = null;
        if (j.within() != null) {
            WithinContext w = j.within();
            within = w.before != null
                    ? new WithinBound(pos(w), duration(w.before), duration(w.after))
                    : new WithinBound(pos(w), duration(w.duration(0)), null);
        }
        return new Join(
                pos(ctx), joinType(j.joinType()), false, relation(j.left), relationPrimary(j.right), within, on, using);
    }

    private static JoinType joinType(JoinTypeContext ctx) {
        if (ctx.LEFT() != null) {
            return JoinType.LEFT;
        }
        if (ctx.RIGHT() != null) {
            return JoinType.RIGHT;
        }
        if (ctx.FULL() != null) {
            return JoinType.FULL;
        }
        return JoinType.INNER;
    }

    private Relation relationPrimary(RelationPrimaryContext ctx) {
        Relation r;
        TableAliasContext alias;
        if (ctx instanceof TableNameContext t) {
            r = new Table(pos(ctx), qualifiedName(t.qualifiedName()));
            alias = t.tableAlias();
        } else if (ctx instanceof SubqueryRelationContext s) {
            r = new SubqueryRelation(pos(ctx), query(s.query()), s.LATERAL() != null);
            alias = s.tableAlias();
        } else if (ctx instanceof TableFunctionContext f) {
            r = new TableFunction(pos(ctx), (FunctionCall) visit(f.functionCall()), f.LATERAL() != null);
            alias = f.tableAlias();
        } else {
            ParenthesizedRelationContext p = (ParenthesizedRelationContext) ctx;
            r = relation(p.relation());
            alias = p.tableAlias();
        }
        if (alias == null) {
            return r;
        }
        String name = alias.identifier() != null ? identifier(alias.identifier()) : word(alias.getStart());
        List<String> columns = alias.columnAliases() == null
                ? List.of()
                : identifiers(alias.columnAliases().identifier());
        return new AliasedRelation(pos(ctx), r, name, columns);
    }

    // ---------------------------------------------------------------- streaming clauses

    private StreamWindow window(StreamWindowContext ctx) {
        Duration grace = null;
        Duration retention = null;
        List<WindowOptionContext> options;
        if (ctx instanceof TumblingWindowContext t) {
            options = t.windowOption();
        } else if (ctx instanceof HoppingWindowContext h) {
            options = h.windowOption();
        } else {
            options = ((SessionWindowContext) ctx).windowOption();
        }
        for (WindowOptionContext o : options) {
            if (o instanceof GraceOptionContext g) {
                grace = duration(g.duration());
            } else {
                retention = duration(((RetentionOptionContext) o).duration());
            }
        }
        if (ctx instanceof TumblingWindowContext t) {
            return new TumblingWindow(pos(ctx), duration(t.size), grace, retention);
        }
        if (ctx instanceof HoppingWindowContext h) {
            return new HoppingWindow(pos(ctx), duration(h.size), duration(h.advance), grace, retention);
        }
        return new SessionWindow(pos(ctx), duration(((SessionWindowContext) ctx).gap), grace, retention);
    }

    Duration duration(DurationContext ctx) {
        long value;
        try {
            value = Long.parseLong(ctx.INTEGER_VALUE().getText());
        } catch (NumberFormatException e) {
            throw SqlParseException.at(
                    ctx.getStart(),
                    "duration out of range: " + ctx.INTEGER_VALUE().getText(),
                    null);
        }
        String unit = ctx.timeUnit().getText().toUpperCase(Locale.ROOT);
        if (!unit.endsWith("S")) {
            unit = unit + "S";
        }
        return new Duration(pos(ctx), value, DurationUnit.valueOf(unit));
    }

    List<SortItem> orderBy(List<SortItemContext> ctxs) {
        return sortItems(ctxs);
    }
}
