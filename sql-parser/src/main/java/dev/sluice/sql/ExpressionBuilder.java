package dev.sluice.sql;

import dev.sluice.common.types.SqlType;
import dev.sluice.common.types.TypeKind;
import dev.sluice.sql.ast.ArrayConstructor;
import dev.sluice.sql.ast.ArraySubquery;
import dev.sluice.sql.ast.ArrayType;
import dev.sluice.sql.ast.Between;
import dev.sluice.sql.ast.BinaryExpression;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.BoundType;
import dev.sluice.sql.ast.BuiltinType;
import dev.sluice.sql.ast.Case;
import dev.sluice.sql.ast.Cast;
import dev.sluice.sql.ast.Collate;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.DataType;
import dev.sluice.sql.ast.DescriptorArgument;
import dev.sluice.sql.ast.Exists;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.Extract;
import dev.sluice.sql.ast.FieldAccess;
import dev.sluice.sql.ast.FrameBound;
import dev.sluice.sql.ast.FrameType;
import dev.sluice.sql.ast.FunctionCall;
import dev.sluice.sql.ast.InList;
import dev.sluice.sql.ast.InSubquery;
import dev.sluice.sql.ast.IntervalField;
import dev.sluice.sql.ast.IntervalLiteral;
import dev.sluice.sql.ast.IsKind;
import dev.sluice.sql.ast.IsPredicate;
import dev.sluice.sql.ast.Like;
import dev.sluice.sql.ast.MapConstructor;
import dev.sluice.sql.ast.MapType;
import dev.sluice.sql.ast.NamedType;
import dev.sluice.sql.ast.NotExpression;
import dev.sluice.sql.ast.NullLiteral;
import dev.sluice.sql.ast.NullOrdering;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.Parameter;
import dev.sluice.sql.ast.QualifiedName;
import dev.sluice.sql.ast.QuantifiedComparison;
import dev.sluice.sql.ast.Quantifier;
import dev.sluice.sql.ast.Query;
import dev.sluice.sql.ast.RowConstructor;
import dev.sluice.sql.ast.SortItem;
import dev.sluice.sql.ast.SourcePos;
import dev.sluice.sql.ast.StringLiteral;
import dev.sluice.sql.ast.StructConstructor;
import dev.sluice.sql.ast.StructField;
import dev.sluice.sql.ast.StructType;
import dev.sluice.sql.ast.SubqueryExpression;
import dev.sluice.sql.ast.Subscript;
import dev.sluice.sql.ast.TableArgument;
import dev.sluice.sql.ast.TypedLiteral;
import dev.sluice.sql.ast.UnaryExpression;
import dev.sluice.sql.ast.WhenClause;
import dev.sluice.sql.ast.WindowFrame;
import dev.sluice.sql.ast.WindowSpec;
import dev.sluice.sql.grammar.SluiceSqlParser.*;
import dev.sluice.sql.grammar.SluiceSqlParserBaseVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Parse tree → AST for expressions, names, literals and types. {@link QueryBuilder} and {@link
 * AstBuilder} extend it with queries and statements; the split only keeps each file readable.
 */
abstract class ExpressionBuilder extends SluiceSqlParserBaseVisitor<Object> {

    static SourcePos pos(ParserRuleContext ctx) {
        return pos(ctx.getStart());
    }

    static SourcePos pos(Token t) {
        return new SourcePos(t.getStartIndex(), t.getLine(), t.getCharPositionInLine() + 1);
    }

    abstract Query query(QueryContext ctx);

    Expression expr(ParserRuleContext ctx) {
        return ctx == null ? null : (Expression) visit(ctx);
    }

    List<Expression> exprs(List<? extends ParserRuleContext> ctxs) {
        List<Expression> out = new ArrayList<>(ctxs.size());
        for (ParserRuleContext c : ctxs) {
            out.add(expr(c));
        }
        return out;
    }

    // ---------------------------------------------------------------- names

    static String identifier(IdentifierContext ctx) {
        if (ctx instanceof QuotedIdentifierContext q) {
            String t = q.getText();
            return t.substring(1, t.length() - 1).replace("\"\"", "\"");
        }
        // Unquoted names fold to lower case, as in PostgreSQL.
        return ctx.getText().toLowerCase(Locale.ROOT);
    }

    static List<String> identifiers(List<IdentifierContext> ctxs) {
        List<String> out = new ArrayList<>(ctxs.size());
        for (IdentifierContext c : ctxs) {
            out.add(identifier(c));
        }
        return out;
    }

    static QualifiedName qualifiedName(QualifiedNameContext ctx) {
        return new QualifiedName(pos(ctx), identifiers(ctx.identifier()));
    }

    /** A bare word used as an alias: unquoted folds, quoted keeps case. */
    static String word(Token t) {
        String s = t.getText();
        if (s.startsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- literals

    static String string(StringContext ctx) {
        String t = ctx.getText();
        if (ctx instanceof BasicStringContext) {
            return t.substring(1, t.length() - 1).replace("''", "'");
        }
        if (ctx instanceof DollarStringContext) {
            int tagEnd = t.indexOf('$', 1) + 1;
            return t.substring(tagEnd, t.length() - tagEnd);
        }
        return StringEscapes.decode(t.substring(2, t.length() - 1), ctx.getStart());
    }

    @Override
    public Object visitNullLiteral(NullLiteralContext ctx) {
        return new NullLiteral(pos(ctx));
    }

    @Override
    public Object visitBooleanLiteral(BooleanLiteralContext ctx) {
        return new BooleanLiteral(pos(ctx), ctx.booleanValue().TRUE() != null);
    }

    @Override
    public Object visitNumericLiteral(NumericLiteralContext ctx) {
        return new NumberLiteral(pos(ctx), ctx.getText().toLowerCase(Locale.ROOT));
    }

    @Override
    public Object visitStringLiteral(StringLiteralContext ctx) {
        return new StringLiteral(pos(ctx), string(ctx.string()));
    }

    @Override
    public Object visitParameter(ParameterContext ctx) {
        String text = ctx.getText().substring(1);
        try {
            return new Parameter(pos(ctx), Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw SqlParseException.at(ctx.getStart(), "parameter number too large: $" + text, null);
        }
    }

    @Override
    public Object visitTypedLiteral(TypedLiteralContext ctx) {
        TypeKind kind;
        if (ctx.DATE() != null) {
            kind = TypeKind.DATE;
        } else if (ctx.TIMESTAMPTZ() != null || ctx.WITH() != null) {
            kind = TypeKind.TIMESTAMPTZ;
        } else if (ctx.TIMESTAMP() != null) {
            kind = TypeKind.TIMESTAMP;
        } else {
            kind = TypeKind.TIME;
        }
        return new TypedLiteral(pos(ctx), new BuiltinType(pos(ctx), SqlType.of(kind)), string(ctx.string()));
    }

    @Override
    public Object visitIntervalLiteral(IntervalLiteralContext ctx) {
        return new IntervalLiteral(pos(ctx), string(ctx.string()), intervalField(ctx.from), intervalField(ctx.to));
    }

    static IntervalField intervalField(IntervalFieldContext ctx) {
        if (ctx == null) {
            return null;
        }
        String t = ctx.getText().toUpperCase(Locale.ROOT);
        if (t.endsWith("S")) {
            t = t.substring(0, t.length() - 1);
        }
        return IntervalField.valueOf(t);
    }

    // ---------------------------------------------------------------- operators and predicates

    @Override
    public Object visitExpression(ExpressionContext ctx) {
        return visit(ctx.booleanExpression());
    }

    @Override
    public Object visitLogicalNot(LogicalNotContext ctx) {
        return new NotExpression(pos(ctx), expr(ctx.booleanExpression()));
    }

    @Override
    public Object visitAnd(AndContext ctx) {
        return new BinaryExpression(pos(ctx), "AND", expr(ctx.left), expr(ctx.right));
    }

    @Override
    public Object visitOr(OrContext ctx) {
        return new BinaryExpression(pos(ctx), "OR", expr(ctx.left), expr(ctx.right));
    }

    @Override
    public Object visitPredicated(PredicatedContext ctx) {
        Expression value = expr(ctx.valueExpression());
        PredicateContext p = ctx.predicate();
        if (p == null) {
            return value;
        }
        SourcePos at = pos(ctx);
        if (p instanceof ComparisonContext c) {
            return new BinaryExpression(at, operator(c.comparisonOperator()), value, expr(c.right));
        }
        if (p instanceof QuantifiedComparisonContext q) {
            Expression right =
                    q.query() != null ? new SubqueryExpression(pos(q.query()), query(q.query())) : expr(q.expression());
            Quantifier quantifier = Quantifier.valueOf(q.quantifier.getText().toUpperCase(Locale.ROOT));
            return new QuantifiedComparison(at, operator(q.comparisonOperator()), quantifier, value, right);
        }
        if (p instanceof BetweenContext b) {
            return new Between(at, value, expr(b.lower), expr(b.upper), b.NOT() != null);
        }
        if (p instanceof InSubqueryContext i) {
            return new InSubquery(at, value, query(i.query()), i.NOT() != null);
        }
        if (p instanceof InListContext i) {
            return new InList(at, value, exprs(i.expression()), i.NOT() != null);
        }
        if (p instanceof LikeContext l) {
            return new Like(at, value, expr(l.pattern), expr(l.escape), l.ILIKE() != null, l.NOT() != null);
        }
        if (p instanceof NullPredicateContext n) {
            return new IsPredicate(at, value, IsKind.NULL, n.NOT() != null);
        }
        if (p instanceof TruthPredicateContext t) {
            IsKind kind = IsKind.valueOf(t.truth.getText().toUpperCase(Locale.ROOT));
            return new IsPredicate(at, value, kind, t.NOT() != null);
        }
        DistinctFromContext d = (DistinctFromContext) p;
        String op = d.NOT() != null ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM";
        return new BinaryExpression(at, op, value, expr(d.right));
    }

    /** The canonical operator spelling: {@code !=} becomes {@code <>}, OPERATOR(...) loses spaces. */
    static String operator(ComparisonOperatorContext ctx) {
        if (ctx.OPERATOR() != null) {
            StringBuilder sb = new StringBuilder("OPERATOR(");
            for (IdentifierContext id : ctx.identifier()) {
                sb.append(identifier(id)).append('.');
            }
            return sb.append(ctx.operatorSymbol().getText()).append(')').toString();
        }
        String op = ctx.getText();
        return op.equals("!=") ? "<>" : op;
    }

    @Override
    public Object visitArithmeticUnary(ArithmeticUnaryContext ctx) {
        return new UnaryExpression(pos(ctx), ctx.operator.getText(), expr(ctx.valueExpression()));
    }

    @Override
    public Object visitArithmeticBinary(ArithmeticBinaryContext ctx) {
        return new BinaryExpression(pos(ctx), ctx.operator.getText(), expr(ctx.left), expr(ctx.right));
    }

    @Override
    public Object visitCollate(CollateContext ctx) {
        CollationNameContext c = ctx.collationName();
        List<String> parts = identifiers(c.identifier());
        if (c.DEFAULT() != null) {
            parts.add("default");
        }
        return new Collate(pos(ctx), expr(ctx.valueExpression()), new QualifiedName(pos(c), parts));
    }

    // ---------------------------------------------------------------- primaries

    @Override
    public Object visitValueExpressionDefault(ValueExpressionDefaultContext ctx) {
        return visit(ctx.primaryExpression());
    }

    @Override
    public Object visitParenthesizedExpression(ParenthesizedExpressionContext ctx) {
        return visit(ctx.expression());
    }

    @Override
    public Object visitColumnReference(ColumnReferenceContext ctx) {
        return new ColumnRef(pos(ctx), identifiers(ctx.identifier()));
    }

    @Override
    public Object visitSimpleCase(SimpleCaseContext ctx) {
        return new Case(pos(ctx), expr(ctx.operand), whens(ctx.whenClause()), expr(ctx.elseExpression));
    }

    @Override
    public Object visitSearchedCase(SearchedCaseContext ctx) {
        return new Case(pos(ctx), null, whens(ctx.whenClause()), expr(ctx.elseExpression));
    }

    private List<WhenClause> whens(List<WhenClauseContext> ctxs) {
        List<WhenClause> out = new ArrayList<>();
        for (WhenClauseContext w : ctxs) {
            out.add(new WhenClause(pos(w), expr(w.condition), expr(w.result)));
        }
        return out;
    }

    @Override
    public Object visitCast(CastContext ctx) {
        return new Cast(pos(ctx), expr(ctx.expression()), type(ctx.type()));
    }

    @Override
    public Object visitPgCast(PgCastContext ctx) {
        return new Cast(pos(ctx), expr(ctx.primaryExpression()), type(ctx.type()));
    }

    @Override
    public Object visitExtract(ExtractContext ctx) {
        String field = ctx.identifier() != null
                ? identifier(ctx.identifier())
                : ctx.intervalField().getText().toLowerCase(Locale.ROOT);
        return new Extract(pos(ctx), field, expr(ctx.valueExpression()));
    }

    @Override
    public Object visitArrayConstructor(ArrayConstructorContext ctx) {
        return new ArrayConstructor(pos(ctx), exprs(ctx.expression()));
    }

    @Override
    public Object visitArraySubquery(ArraySubqueryContext ctx) {
        return new ArraySubquery(pos(ctx), query(ctx.query()));
    }

    @Override
    public Object visitMapConstructor(MapConstructorContext ctx) {
        List<Expression> all = exprs(ctx.expression());
        List<Expression> keys = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            keys.add(all.get(i));
            values.add(all.get(i + 1));
        }
        return new MapConstructor(pos(ctx), keys, values);
    }

    @Override
    public Object visitStructConstructor(StructConstructorContext ctx) {
        return new StructConstructor(pos(ctx), identifiers(ctx.identifier()), exprs(ctx.expression()));
    }

    @Override
    public Object visitRowConstructor(RowConstructorContext ctx) {
        return new RowConstructor(pos(ctx), exprs(ctx.expression()));
    }

    @Override
    public Object visitExists(ExistsContext ctx) {
        return new Exists(pos(ctx), query(ctx.query()));
    }

    @Override
    public Object visitSubqueryExpression(SubqueryExpressionContext ctx) {
        return new SubqueryExpression(pos(ctx), query(ctx.query()));
    }

    @Override
    public Object visitSubscript(SubscriptContext ctx) {
        return new Subscript(pos(ctx), expr(ctx.base), expr(ctx.index));
    }

    @Override
    public Object visitDereference(DereferenceContext ctx) {
        return new FieldAccess(pos(ctx), expr(ctx.base), identifier(ctx.fieldName));
    }

    // ---------------------------------------------------------------- function calls

    @Override
    public Object visitFunctionCallExpression(FunctionCallExpressionContext ctx) {
        return visit(ctx.functionCall());
    }

    /**
     * {@code SUBSTRING(x FROM a [FOR b])} is {@code substring(x, a[, b])}; {@code TRIM([chars] FROM
     * x)} is {@code btrim(x[, chars])}.
     */
    @Override
    public Object visitFromCall(FromCallContext ctx) {
        QualifiedName name = qualifiedName(ctx.name);
        String fn = name.last().toLowerCase(Locale.ROOT);
        Expression first = ctx.first == null ? null : expr(ctx.first);
        if (fn.equals("substring") && first != null) {
            List<Expression> args = new ArrayList<>();
            args.add(first);
            args.add(expr(ctx.second));
            if (ctx.third != null) {
                args.add(expr(ctx.third));
            }
            return new FunctionCall(pos(ctx), name, false, false, args, List.of(), null, null);
        }
        if (fn.equals("trim") && ctx.third == null) {
            // TRIM(BOTH FROM x): the word parsed as a column name
            if (first instanceof ColumnRef c
                    && c.parts().size() == 1
                    && isTrimSpec(c.parts().get(0))) {
                return trimCall(pos(ctx), c.parts().get(0), null, expr(ctx.second));
            }
            return trimCall(pos(ctx), "both", first, expr(ctx.second));
        }
        throw SqlParseException.at(ctx.FROM().getSymbol(), "syntax error at or near \"FROM\"", null);
    }

    /** {@code TRIM(BOTH | LEADING | TRAILING [chars] FROM x)}. */
    @Override
    public Object visitTrimFromCall(TrimFromCallContext ctx) {
        String spec = identifier(ctx.spec).toLowerCase(Locale.ROOT);
        if (!qualifiedName(ctx.name).last().equalsIgnoreCase("trim") || !isTrimSpec(spec)) {
            throw SqlParseException.at(
                    ctx.spec.getStart(), "syntax error at or near \"" + ctx.spec.getText() + "\"", null);
        }
        return trimCall(pos(ctx), spec, ctx.first == null ? null : expr(ctx.first), expr(ctx.second));
    }

    private static boolean isTrimSpec(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("both") || w.equals("leading") || w.equals("trailing");
    }

    private static FunctionCall trimCall(SourcePos at, String spec, Expression chars, Expression value) {
        List<Expression> args = new ArrayList<>();
        args.add(value);
        if (chars != null) {
            args.add(chars);
        }
        String fn = spec.equalsIgnoreCase("leading") ? "ltrim" : spec.equalsIgnoreCase("trailing") ? "rtrim" : "btrim";
        return new FunctionCall(at, QualifiedName.of(fn), false, false, args, List.of(), null, null);
    }

    /** {@code POSITION(a IN b)} is {@code strpos(b, a)}. */
    @Override
    public Object visitPositionCall(PositionCallContext ctx) {
        QualifiedName name = qualifiedName(ctx.name);
        if (!name.last().equalsIgnoreCase("position")) {
            throw SqlParseException.at(ctx.IN().getSymbol(), "syntax error at or near \"IN\"", null);
        }
        return new FunctionCall(
                pos(ctx),
                QualifiedName.of("strpos"),
                false,
                false,
                List.of(expr(ctx.haystack), expr(ctx.needle)),
                List.of(),
                null,
                null);
    }

    @Override
    public Object visitStarCall(StarCallContext ctx) {
        return new FunctionCall(
                pos(ctx),
                qualifiedName(ctx.qualifiedName()),
                false,
                true,
                List.of(),
                List.of(),
                filter(ctx.filter()),
                over(ctx.over()));
    }

    @Override
    public Object visitRegularCall(RegularCallContext ctx) {
        boolean distinct = ctx.setQuantifier() != null && ctx.setQuantifier().DISTINCT() != null;
        return new FunctionCall(
                pos(ctx),
                qualifiedName(ctx.qualifiedName()),
                distinct,
                false,
                exprs(ctx.functionArgument()),
                sortItems(ctx.sortItem()),
                filter(ctx.filter()),
                over(ctx.over()));
    }

    @Override
    public Object visitTableArgument(TableArgumentContext ctx) {
        return new TableArgument(pos(ctx), qualifiedName(ctx.qualifiedName()));
    }

    @Override
    public Object visitDescriptorArgument(DescriptorArgumentContext ctx) {
        return new DescriptorArgument(pos(ctx), identifiers(ctx.identifier()));
    }

    @Override
    public Object visitExpressionArgument(ExpressionArgumentContext ctx) {
        return visit(ctx.expression());
    }

    private Expression filter(FilterContext ctx) {
        return ctx == null ? null : expr(ctx.expression());
    }

    private WindowSpec over(OverContext ctx) {
        if (ctx == null) {
            return null;
        }
        WindowSpecificationContext w = ctx.windowSpecification();
        return new WindowSpec(pos(ctx), exprs(w.partition), sortItems(w.sortItem()), frame(w.windowFrame()));
    }

    private WindowFrame frame(WindowFrameContext ctx) {
        if (ctx == null) {
            return null;
        }
        FrameType type = FrameType.valueOf(ctx.frameType.getText().toUpperCase(Locale.ROOT));
        return new WindowFrame(pos(ctx), type, bound(ctx.start), bound(ctx.end));
    }

    private FrameBound bound(FrameBoundContext ctx) {
        if (ctx == null) {
            return null;
        }
        if (ctx instanceof CurrentRowBoundContext) {
            return new FrameBound(pos(ctx), BoundType.CURRENT_ROW, null);
        }
        if (ctx instanceof UnboundedFrameContext u) {
            BoundType t = u.PRECEDING() != null ? BoundType.UNBOUNDED_PRECEDING : BoundType.UNBOUNDED_FOLLOWING;
            return new FrameBound(pos(ctx), t, null);
        }
        BoundedFrameContext b = (BoundedFrameContext) ctx;
        BoundType t = b.PRECEDING() != null ? BoundType.PRECEDING : BoundType.FOLLOWING;
        return new FrameBound(pos(ctx), t, expr(b.valueExpression()));
    }

    List<SortItem> sortItems(List<SortItemContext> ctxs) {
        List<SortItem> out = new ArrayList<>();
        for (SortItemContext s : ctxs) {
            NullOrdering nulls = null;
            if (s.nullOrdering != null) {
                nulls = s.nullOrdering.getType() == FIRST ? NullOrdering.FIRST : NullOrdering.LAST;
            }
            boolean desc = s.ordering != null && s.ordering.getType() == DESC;
            out.add(new SortItem(pos(s), expr(s.expression()), desc, nulls));
        }
        return out;
    }

    private static final int FIRST = dev.sluice.sql.grammar.SluiceSqlLexer.FIRST;
    private static final int DESC = dev.sluice.sql.grammar.SluiceSqlLexer.DESC;

    // ---------------------------------------------------------------- types

    DataType type(TypeContext ctx) {
        SourcePos at = pos(ctx);
        if (ctx instanceof ArrayTypeSuffixContext a) {
            return new ArrayType(at, type(a.type()));
        }
        if (ctx instanceof ArrayTypeContext a) {
            return new ArrayType(at, type(a.type()));
        }
        if (ctx instanceof MapTypeContext m) {
            return new MapType(at, type(m.keyType), type(m.valueType));
        }
        if (ctx instanceof StructTypeContext s) {
            List<StructField> fields = new ArrayList<>();
            for (StructFieldContext f : s.structField()) {
                fields.add(new StructField(pos(f), identifier(f.identifier()), type(f.type())));
            }
            return new StructType(at, fields);
        }
        if (ctx instanceof DoublePrecisionTypeContext) {
            return new BuiltinType(at, SqlType.DOUBLE);
        }
        if (ctx instanceof CharacterVaryingTypeContext c) {
            return new BuiltinType(
                    at,
                    c.INTEGER_VALUE() == null
                            ? SqlType.VARCHAR
                            : varchar(c.INTEGER_VALUE().getSymbol()));
        }
        if (ctx instanceof ZonedTypeContext z) {
            boolean with = z.WITH() != null;
            TypeKind kind = z.TIMESTAMP() != null
                    ? (with ? TypeKind.TIMESTAMPTZ : TypeKind.TIMESTAMP)
                    : (with ? null : TypeKind.TIME);
            if (kind == null) {
                // TIME WITH TIME ZONE has no Sluice counterpart; keep PostgreSQL's name for the planner.
                return new NamedType(at, QualifiedName.of("timetz"), List.of());
            }
            int precision = z.INTEGER_VALUE() == null
                    ? SqlType.UNSPECIFIED
                    : integer(z.INTEGER_VALUE().getSymbol());
            return new BuiltinType(at, withPrecision(kind, precision));
        }
        NamedTypeContext n = (NamedTypeContext) ctx;
        QualifiedName name = qualifiedName(n.qualifiedName());
        List<Integer> mods = new ArrayList<>();
        for (var t : n.INTEGER_VALUE()) {
            mods.add(integer(t.getSymbol()));
        }
        if (name.parts().size() == 1) {
            DataType builtin = BuiltinTypes.lookup(at, name.last(), mods, n.getStart());
            if (builtin != null) {
                return builtin;
            }
        }
        return new NamedType(at, name, mods);
    }

    static SqlType withPrecision(TypeKind kind, int precision) {
        return new SqlType(kind, SqlType.UNSPECIFIED, precision, SqlType.UNSPECIFIED, null, null, List.of());
    }

    static SqlType varchar(Token length) {
        int n = integer(length);
        if (n < 1) {
            throw SqlParseException.at(length, "length for type varchar must be at least 1", null);
        }
        return SqlType.varchar(n);
    }

    static int integer(Token t) {
        try {
            return Integer.parseInt(t.getText());
        } catch (NumberFormatException e) {
            throw SqlParseException.at(t, "integer out of range: " + t.getText(), null);
        }
    }
}
