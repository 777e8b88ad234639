package dev.sluice.planner.sql;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.sql.ast.ArrayConstructor;
import dev.sluice.sql.ast.ArraySubquery;
import dev.sluice.sql.ast.Between;
import dev.sluice.sql.ast.BinaryExpression;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.Case;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.Collate;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Exists;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Extract;
import dev.sluice.sql.ast.FieldAccess;
import dev.sluice.sql.ast.FrameBound;
import dev.sluice.sql.ast.FunctionCall;
import dev.sluice.sql.ast.InList;
import dev.sluice.sql.ast.InSubquery;
import dev.sluice.sql.ast.IntervalLiteral;
import dev.sluice.sql.ast.IsPredicate;
import dev.sluice.sql.ast.Like;
import dev.sluice.sql.ast.MapConstructor;
import dev.sluice.sql.ast.NotExpression;
import dev.sluice.sql.ast.NullLiteral;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.Parameter;
import dev.sluice.sql.ast.QuantifiedComparison;
import dev.sluice.sql.ast.RowConstructor;
import dev.sluice.sql.ast.SortItem;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.SubqueryExpression;
import dev.sluice.sql.ast.Subscript;
import dev.sluice.sql.ast.TypedLiteral;
import dev.sluice.sql.ast.UnaryExpression;
import dev.sluice.sql.ast.WhenClause;
import dev.sluice.sql.ast.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSelectKeyword;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Converts AST expressions to Calcite {@link SqlNode}s; queries inside them go back to {@link QueryConverter}. */
final class ExpressionConverter {
    private final QueryConverter queries;
    private final List<dev.sluice.common.types.SqlType> parameterTypes;

    ExpressionConverter(QueryConverter queries, List<dev.sluice.common.types.SqlType> parameterTypes) {
        this.queries = queries;
        this.parameterTypes = parameterTypes;
    }

    /**
     * While a select list with {@code information_schema._pg_expandarray(a)} is converted: the alias
     * of the {@code UNNEST(a) WITH ORDINALITY AS alias(x, n)} the query joins in its place.
     */
    private String expandArrayAlias;

    void expandArrayAs(String alias) {
        this.expandArrayAlias = alias;
    }

    static boolean isExpandArray(Expression e) {
        return e instanceof FunctionCall f && f.name().last().equalsIgnoreCase("_pg_expandarray");
    }

    SqlNode convert(Expression e) {
        SqlParserPos pos = Positions.of(e);
        if (expandArrayAlias != null && e instanceof FieldAccess f && isExpandArray(f.base())) {
            return new SqlIdentifier(List.of(expandArrayAlias, f.field()), pos);
        }
        if (expandArrayAlias != null && isExpandArray(e)) {
            // The record (x, n) pgjdbc reads back with (KEYS).x.
            SqlNode row = SqlStdOperatorTable.ROW.createCall(
                    pos,
                    new SqlIdentifier(List.of(expandArrayAlias, "x"), pos),
                    new SqlIdentifier(List.of(expandArrayAlias, "n"), pos));
            var rowType = new org.apache.calcite.sql.SqlRowTypeNameSpec(
                    pos,
                    List.of(new SqlIdentifier("x", pos), new SqlIdentifier("n", pos)),
                    List.of(
                            new org.apache.calcite.sql.SqlDataTypeSpec(
                                    new org.apache.calcite.sql.SqlBasicTypeNameSpec(
                                            org.apache.calcite.sql.type.SqlTypeName.INTEGER, pos),
                                    pos),
                            new org.apache.calcite.sql.SqlDataTypeSpec(
                                    new org.apache.calcite.sql.SqlBasicTypeNameSpec(
                                            org.apache.calcite.sql.type.SqlTypeName.INTEGER, pos),
                                    pos)));
            return SqlStdOperatorTable.CAST.createCall(
                    pos, row, new org.apache.calcite.sql.SqlDataTypeSpec(rowType, pos));
        }
        if (e instanceof ColumnRef c) {
            return new SqlIdentifier(c.parts(), pos);
        }
        if (e instanceof NumberLiteral n) {
            return number(n, pos);
        }
        if (e instanceof StringLiteral s) {
            return SqlLiteral.createCharString(s.value(), pos);
        }
        if (e instanceof BooleanLiteral b) {
            return SqlLiteral.createBoolean(b.value(), pos);
        }
        if (e instanceof NullLiteral) {
            return SqlLiteral.createNull(pos);
        }
        if (e instanceof TypedLiteral t) {
            return Literals.typed(t, pos);
        }
        if (e instanceof IntervalLiteral i) {
            return Literals.interval(i, pos);
        }
        if (e instanceof Parameter p) {
            SqlDynamicParam param = new SqlDynamicParam(p.index() - 1, pos);
            // A type the client declared (pgjdbc always does) decides the parameter's type, as in
            // PostgreSQL; without one, Calcite infers it from where it is used.
            var declared = p.index() <= parameterTypes.size() ? parameterTypes.get(p.index() - 1) : null;
            if (declared != null && declared.kind() == dev.sluice.common.types.TypeKind.INTERVAL) {
                // Calcite's generated code reads an interval parameter as a count of its type's last
                // field (DAY TO SECOND: seconds), not as its internal milliseconds, so a bound value
                // would come out scaled; refuse rather than compute with a wrong value. INSERT ...
                // VALUES takes interval parameters (no Calcite there).
                throw Positions.unsupported("an interval parameter in a query", p)
                        .withHint("write the interval as a literal, e.g. INTERVAL '1 day 02:00:00'");
            }
            return declared == null
                    ? param
                    : SqlStdOperatorTable.CAST.createCall(pos, param, TypeSpecs.of(declared, pos));
        }
        if (e instanceof BinaryExpression b) {
            return binary(b, pos);
        }
        if (e instanceof UnaryExpression u) {
            SqlOperator op =
                    switch (u.operator()) {
                        case "-" -> SqlStdOperatorTable.UNARY_MINUS;
                        case "+" -> SqlStdOperatorTable.UNARY_PLUS;
                        default -> throw Positions.unsupported("operator " + u.operator(), u);
                    };
            return op.createCall(pos, convert(u.operand()));
        }
        if (e instanceof NotExpression n) {
            return SqlStdOperatorTable.NOT.createCall(pos, convert(n.operand()));
        }
        if (e instanceof FunctionCall f) {
            return function(f, pos);
        }
        if (e instanceof Cast c) {
            var catalogCast = PgCasts.convert(c, this, pos);
            if (catalogCast.isPresent()) {
                return catalogCast.get();
            }
            // A string literal cast to interval or bytea is that type's text input, as in PostgreSQL
            // (Calcite would read SQL-standard interval text and take a string's UTF-8 bytes).
            var target = c.type().toSqlType();
            if (c.expression() instanceof StringLiteral s && target.isPresent()) {
                switch (target.get().kind()) {
                    case INTERVAL -> {
                        return Literals.interval(s.value(), c.expression(), pos);
                    }
                    case BYTEA -> {
                        return Literals.bytea(s.value(), c.expression(), pos);
                    }
                    default -> {}
                }
            }
            return SqlStdOperatorTable.CAST.createCall(pos, convert(c.expression()), TypeSpecs.of(c.type()));
        }
        if (e instanceof Case c) {
            SqlNodeList whens = new SqlNodeList(pos);
            SqlNodeList thens = new SqlNodeList(pos);
            for (WhenClause w : c.whenClauses()) {
                whens.add(convert(w.condition()));
                thens.add(convert(w.result()));
            }
            // A simple CASE (CASE x WHEN v THEN ...) becomes a searched one (CASE WHEN x = v ...), as
            // Calcite's own parser does: its validator expects boolean WHEN conditions.
            return SqlCase.createSwitched(
                    pos,
                    c.operand() == null ? null : convert(c.operand()),
                    whens,
                    thens,
                    c.elseValue() == null ? SqlLiteral.createNull(pos) : convert(c.elseValue()));
        }
        if (e instanceof InList in) {
            SqlNodeList list = new SqlNodeList(pos);
            in.list().forEach(x -> list.add(convert(x)));
            return (in.negated() ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(pos, convert(in.value()), list);
        }
        if (e instanceof InSubquery in) {
            return (in.negated() ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
                    .createCall(pos, convert(in.value()), queries.convert(in.query()));
        }
        if (e instanceof Exists ex) {
            return SqlStdOperatorTable.EXISTS.createCall(pos, queries.convert(ex.query()));
        }
        if (e instanceof SubqueryExpression s) {
            return queries.convert(s.query());
        }
        if (e instanceof Between b) {
            return (b.negated() ? SqlStdOperatorTable.NOT_BETWEEN : SqlStdOperatorTable.BETWEEN)
                    .createCall(pos, convert(b.value()), convert(b.low()), convert(b.high()));
        }
        if (e instanceof Like l) {
            SqlOperator op = l.caseInsensitive()
                    ? (l.negated() ? SqlLibraryOperators.NOT_ILIKE : SqlLibraryOperators.ILIKE)
                    : (l.negated() ? SqlStdOperatorTable.NOT_LIKE : SqlStdOperatorTable.LIKE);
            return l.escape() == null
                    ? op.createCall(pos, convert(l.value()), convert(l.pattern()))
                    : op.createCall(pos, convert(l.value()), convert(l.pattern()), convert(l.escape()));
        }
        if (e instanceof IsPredicate p) {
            SqlOperator op =
                    switch (p.kind()) {
                        case NULL -> p.negated() ? SqlStdOperatorTable.IS_NOT_NULL : SqlStdOperatorTable.IS_NULL;
                        case TRUE -> p.negated() ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE;
                        case FALSE -> p.negated() ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE;
                        case UNKNOWN ->
                            p.negated() ? SqlStdOperatorTable.IS_NOT_UNKNOWN : SqlStdOperatorTable.IS_UNKNOWN;
                    };
            return op.createCall(pos, convert(p.value()));
        }
        if (e instanceof Subscript s) {
            return SqlStdOperatorTable.ITEM.createCall(pos, convert(s.base()), convert(s.index()));
        }
        if (e instanceof FieldAccess f) {
            return SqlStdOperatorTable.DOT.createCall(pos, convert(f.base()), new SqlIdentifier(f.field(), pos));
        }
        if (e instanceof ArrayConstructor a) {
            return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, convertAll(a.elements()));
        }
        if (e instanceof MapConstructor m) {
            List<SqlNode> operands = new ArrayList<>();
            for (int i = 0; i < m.keys().size(); i++) {
                operands.add(convert(m.keys().get(i)));
                operands.add(convert(m.values().get(i)));
            }
            return SqlStdOperatorTable.MAP_VALUE_CONSTRUCTOR.createCall(pos, operands);
        }
        if (e instanceof RowConstructor r) {
            return SqlStdOperatorTable.ROW.createCall(pos, convertAll(r.values()));
        }
        if (e instanceof Extract x) {
            TimeUnit unit = timeUnit(x.field(), x);
            return SqlStdOperatorTable.EXTRACT.createCall(
                    pos, new SqlIntervalQualifier(unit, null, pos), convert(x.expression()));
        }
        if (e instanceof ArraySubquery a) {
            return SqlStdOperatorTable.ARRAY_QUERY.createCall(pos, queries.convert(a.query()));
        }
        if (e instanceof QuantifiedComparison q) {
            return quantified(q, pos);
        }
        if (e instanceof Collate c) {
            // Sluice compares strings by code point; the only collation it knows is the default.
            if (!c.collation().last().equals("default") && !c.collation().last().equals("C")) {
                throw Positions.unsupported("COLLATE " + c.collation(), c);
            }
            return convert(c.expression());
        }
        throw Positions.unsupported(describe(e), e);
    }

    List<SqlNode> convertAll(List<Expression> expressions) {
        List<SqlNode> out = new ArrayList<>(expressions.size());
        expressions.forEach(x -> out.add(convert(x)));
        return out;
    }

    SqlNode sortItem(SortItem s) {
        SqlParserPos pos = Positions.of(s);
        SqlNode node = convert(s.expression());
        if (s.descending()) {
            node = SqlStdOperatorTable.DESC.createCall(pos, node);
        }
        if (s.nulls() != null) {
            node = switch (s.nulls()) {
                case FIRST -> SqlStdOperatorTable.NULLS_FIRST.createCall(pos, node);
                case LAST -> SqlStdOperatorTable.NULLS_LAST.createCall(pos, node);
            };
        }
        return node;
    }

    private static SqlNode number(NumberLiteral n, SqlParserPos pos) {
        String text = n.text();
        if (text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return SqlLiteral.createApproxNumeric(text, pos);
        }
        return SqlLiteral.createExactNumeric(text, pos);
    }

    /**
     * {@code x op ANY|ALL (subquery)}, or {@code x op ANY (array)} as PostgreSQL allows: the array
     * becomes {@code (SELECT * FROM UNNEST(array))}.
     */
    private SqlNode quantified(QuantifiedComparison q, SqlParserPos pos) {
        SqlNode right;
        if (q.right() instanceof SubqueryExpression s) {
            right = queries.convert(s.query());
        } else {
            SqlNode unnest = SqlStdOperatorTable.AS.createCall(
                    pos,
                    SqlStdOperatorTable.UNNEST.createCall(pos, convert(q.right())),
                    new SqlIdentifier("_q", pos),
                    new SqlIdentifier("_e", pos));
            right = new org.apache.calcite.sql.SqlSelect(
                    pos,
                    null,
                    SqlNodeList.of(new SqlIdentifier(List.of("_q", "_e"), pos)),
                    unnest,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }
        org.apache.calcite.sql.SqlKind kind =
                switch (q.operator()) {
                    case "=" -> org.apache.calcite.sql.SqlKind.EQUALS;
                    case "<>" -> org.apache.calcite.sql.SqlKind.NOT_EQUALS;
                    case "<" -> org.apache.calcite.sql.SqlKind.LESS_THAN;
                    case "<=" -> org.apache.calcite.sql.SqlKind.LESS_THAN_OR_EQUAL;
                    case ">" -> org.apache.calcite.sql.SqlKind.GREATER_THAN;
                    case ">=" -> org.apache.calcite.sql.SqlKind.GREATER_THAN_OR_EQUAL;
                    default -> throw Positions.unsupported("operator " + q.operator() + " " + q.quantifier(), q);
                };
        SqlOperator op = q.quantifier() == dev.sluice.sql.ast.Quantifier.ALL
                ? SqlStdOperatorTable.all(kind)
                : SqlStdOperatorTable.some(kind);
        return op.createCall(pos, convert(q.left()), right);
    }

    /**
     * A PostgreSQL array literal ({@code '{0}'}, {@code '{a,b}'}) compared with a value, as psql
     * does with {@code pol.polroles = '{0}'}: an ARRAY constructor of its elements (numbers when
     * they all are).
     */
    static SqlNode arrayLiteral(StringLiteral s, SqlParserPos pos) {
        String body = s.value().substring(1, s.value().length() - 1).trim();
        List<SqlNode> elements = new ArrayList<>();
        if (!body.isEmpty()) {
            String[] parts = body.split(",");
            boolean numeric = true;
            for (String p : parts) {
                numeric &= p.trim().matches("-?\\d+");
            }
            for (String p : parts) {
                String v = p.trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1);
                }
                elements.add(numeric ? SqlLiteral.createExactNumeric(v, pos) : SqlLiteral.createCharString(v, pos));
            }
        }
        return SqlStdOperatorTable.ARRAY_VALUE_CONSTRUCTOR.createCall(pos, elements);
    }

    static boolean isArrayLiteral(Expression e) {
        return e instanceof StringLiteral s
                && s.value().startsWith("{")
                && s.value().endsWith("}");
    }

    private SqlNode binary(BinaryExpression b, SqlParserPos pos) {
        SqlNode left = convert(b.left());
        SqlNode right = convert(b.right());
        if ((b.operator().equals("=") || b.operator().equals("<>")) && isArrayLiteral(b.right())) {
            right = arrayLiteral((StringLiteral) b.right(), Positions.of(b.right()));
        }
        if (b.operator().equals("&")) {
            return PgCasts.call("sluice_bitand", pos, left, right);
        }
        if (b.operator().equals("||")
                && (b.left() instanceof ArraySubquery
                        || b.right() instanceof ArraySubquery
                        || b.left() instanceof ArrayConstructor
                        || b.right() instanceof ArrayConstructor)) {
            // text[] || text[] (psql's \d+ reloptions): array concatenation, NULL counting as empty.
            return PgCasts.call("sluice_array_cat", pos, left, right);
        }
        SqlOperator op =
                switch (b.operator().toUpperCase(Locale.ROOT)) {
                    case "AND" -> SqlStdOperatorTable.AND;
                    case "OR" -> SqlStdOperatorTable.OR;
                    case "=" -> SqlStdOperatorTable.EQUALS;
                    case "<>" -> SqlStdOperatorTable.NOT_EQUALS;
                    case "<" -> SqlStdOperatorTable.LESS_THAN;
                    case ">" -> SqlStdOperatorTable.GREATER_THAN;
                    case "<=" -> SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
                    case ">=" -> SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
                    case "+" -> SqlStdOperatorTable.PLUS;
                    case "-" -> SqlStdOperatorTable.MINUS;
                    case "*" -> SqlStdOperatorTable.MULTIPLY;
                    case "/" -> SqlStdOperatorTable.DIVIDE;
                    case "%" -> SqlStdOperatorTable.PERCENT_REMAINDER;
                    case "^" -> SqlStdOperatorTable.POWER;
                    case "||" -> SqlStdOperatorTable.CONCAT;
                    case "~", "OPERATOR(PG_CATALOG.~)" -> SqlStdOperatorTable.POSIX_REGEX_CASE_SENSITIVE;
                    case "~*", "OPERATOR(PG_CATALOG.~*)" -> SqlStdOperatorTable.POSIX_REGEX_CASE_INSENSITIVE;
                    case "!~", "OPERATOR(PG_CATALOG.!~)" -> SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE;
                    case "!~*", "OPERATOR(PG_CATALOG.!~*)" -> SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_INSENSITIVE;
                    case "IS DISTINCT FROM" -> SqlStdOperatorTable.IS_DISTINCT_FROM;
                    case "IS NOT DISTINCT FROM" -> SqlStdOperatorTable.IS_NOT_DISTINCT_FROM;
                    default -> throw Positions.unsupported("operator " + b.operator(), b);
                };
        return op.createCall(pos, left, right);
    }

    private SqlNode function(FunctionCall f, SqlParserPos pos) {
        List<String> parts = f.name().parts();
        String name = parts.get(parts.size() - 1);
        if (parts.size() > 1 && !parts.get(0).equals("pg_catalog")) {
            throw Positions.unsupported("function " + f.name(), f);
        }
        SqlLiteral qualifier = f.distinct() ? SqlSelectKeyword.DISTINCT.symbol(pos) : null;
        SqlNode call;
        if (f.star()) {
            if (!name.equals("count")) {
                throw Positions.unsupported(name + "(*)", f);
            }
            call = SqlStdOperatorTable.COUNT.createCall(qualifier, pos, SqlIdentifier.star(pos));
        } else {
            SqlUnresolvedFunction function = new SqlUnresolvedFunction(
                    new SqlIdentifier(name.toUpperCase(Locale.ROOT), pos),
                    null,
                    null,
                    null,
                    null,
                    SqlFunctionCategory.USER_DEFINED_FUNCTION);
            call = function.createCall(qualifier, pos, convertAll(f.arguments()).toArray(new SqlNode[0]));
        }
        if (!f.orderBy().isEmpty()) {
            SqlNodeList order = new SqlNodeList(pos);
            f.orderBy().forEach(s -> order.add(sortItem(s)));
            call = SqlStdOperatorTable.WITHIN_GROUP.createCall(pos, call, order);
        }
        if (f.filter() != null) {
            call = SqlStdOperatorTable.FILTER.createCall(pos, call, convert(f.filter()));
        }
        if (f.over() != null) {
            call = SqlStdOperatorTable.OVER.createCall(pos, call, window(f.over()));
        }
        return call;
    }

    private SqlWindow window(WindowSpec w) {
        SqlParserPos pos = Positions.of(w);
        SqlNodeList partition = new SqlNodeList(pos);
        w.partitionBy().forEach(x -> partition.add(convert(x)));
        SqlNodeList order = new SqlNodeList(pos);
        w.orderBy().forEach(s -> order.add(sortItem(s)));
        SqlNode lower = null;
        SqlNode upper = null;
        boolean rows = false;
        if (w.frame() != null) {
            rows = w.frame().type() == dev.sluice.sql.ast.FrameType.ROWS;
            if (w.frame().type() != dev.sluice.sql.ast.FrameType.ROWS
                    && w.frame().type() != dev.sluice.sql.ast.FrameType.RANGE) {
                throw Positions.unsupported("window frame " + w.frame().type(), w.frame());
            }
            lower = bound(w.frame().start());
            upper = w.frame().end() == null ? null : bound(w.frame().end());
        }
        return SqlWindow.create(
                null, null, partition, order, SqlLiteral.createBoolean(rows, pos), lower, upper, null, pos);
    }

    private SqlNode bound(FrameBound b) {
        SqlParserPos pos = Positions.of(b);
        return switch (b.type()) {
            case UNBOUNDED_PRECEDING -> SqlWindow.createUnboundedPreceding(pos);
            case PRECEDING -> SqlWindow.createPreceding(convert(b.offset()), pos);
            case CURRENT_ROW -> SqlWindow.createCurrentRow(pos);
            case FOLLOWING -> SqlWindow.createFollowing(convert(b.offset()), pos);
            case UNBOUNDED_FOLLOWING -> SqlWindow.createUnboundedFollowing(pos);
        };
    }

    private static TimeUnit timeUnit(String field, Expression at) {
        String f = field.toUpperCase(Locale.ROOT);
        try {
            return TimeUnit.valueOf(f);
        } catch (IllegalArgumentException e) {
            throw new SluiceException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "unit \"" + field.toLowerCase(Locale.ROOT) + "\" not recognized",
                    null,
                    null,
                    at.pos().pgPosition(),
                    null);
        }
    }

    static String describe(Object node) {
        String simple = node.getClass().getSimpleName();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                words.append(' ');
            }
            words.append(Character.toLowerCase(c));
        }
        return words.toString();
    }
}
