package dev.sluice.sql;

import dev.sluice.common.types.SqlType;
import dev.sluice.sql.ast.*;
import dev.sluice.sql.lexer.SqlKeywords;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Prints expressions, names and types in canonical SQL. Parentheses are added exactly where the
 * grammar's precedence needs them, so the output reparses to an equal AST (the AST keeps no
 * parentheses of its own).
 */
class ExpressionFormatter {
    private static final Pattern SIMPLE_WORD = Pattern.compile("[a-z_][a-z0-9_$]*");

    // Precedence levels (higher binds tighter), mirroring SluiceSqlParser.g4.
    static final int OR = 1;
    static final int AND = 2;
    static final int NOT = 3;
    static final int PREDICATE = 4;
    static final int OTHER_OP = 5;
    static final int ADDITIVE = 6;
    static final int MULTIPLICATIVE = 7;
    static final int POWER = 8;
    static final int UNARY = 9;
    static final int COLLATE = 10;
    static final int PRIMARY = 11;

    final StringBuilder out = new StringBuilder();

    /** Prints a query; overridden by {@link SqlFormatter}, which knows queries. */
    void query(Query q) {
        throw new UnsupportedOperationException();
    }

    // ---------------------------------------------------------------- names

    /** An identifier, quoted only when it must be: not lower-case simple, or a reserved keyword. */
    static String quote(String name) {
        if (SIMPLE_WORD.matcher(name).matches() && !SqlKeywords.isReserved(name)) {
            return name;
        }
        return quoteAlways(name);
    }

    /** Quotes every keyword, for positions where even a non-reserved keyword would change the meaning. */
    static String quoteStrict(String name) {
        if (SIMPLE_WORD.matcher(name).matches() && !SqlKeywords.isKeyword(name)) {
            return name;
        }
        return quoteAlways(name);
    }

    static String quoteAlways(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A string literal; control characters use an E'...' escape string so the output stays on one line. */
    static String literal(String value) {
        boolean control = false;
        for (int i = 0; i < value.length() && !control; i++) {
            control = value.charAt(i) < 0x20 || value.charAt(i) == 0x7f;
        }
        if (!control) {
            return "'" + value.replace("'", "''") + "'";
        }
        StringBuilder sb = new StringBuilder("E'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('\'').toString();
    }

    void name(QualifiedName n) {
        names(n.parts(), ".");
    }

    void names(List<String> parts, String separator) {
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(separator);
            }
            out.append(quote(parts.get(i)));
        }
    }

    // ---------------------------------------------------------------- expressions

    static int precedence(Expression e) {
        if (e instanceof BinaryExpression b) {
            return switch (b.operator()) {
                case "OR" -> OR;
                case "AND" -> AND;
                case "+", "-" -> ADDITIVE;
                case "*", "/", "%" -> MULTIPLICATIVE;
                case "^" -> POWER;
                case "||", "->", "->>" -> OTHER_OP;
                default -> PREDICATE;
            };
        }
        if (e instanceof NotExpression) {
            return NOT;
        }
        if (e instanceof Between
                || e instanceof InList
                || e instanceof InSubquery
                || e instanceof Like
                || e instanceof IsPredicate
                || e instanceof QuantifiedComparison) {
            return PREDICATE;
        }
        if (e instanceof UnaryExpression) {
            return UNARY;
        }
        if (e instanceof Collate) {
            return COLLATE;
        }
        return PRIMARY;
    }

    /** Prints {@code e}, in parentheses when it binds less tightly than {@code min}. */
    void expr(Expression e, int min) {
        if (precedence(e) < min) {
            out.append('(');
            expr(e);
            out.append(')');
        } else {
            expr(e);
        }
    }

    void exprs(List<Expression> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            expr(list.get(i));
        }
    }

    void expr(Expression e) {
        if (e instanceof ColumnRef c) {
            names(c.parts(), ".");
        } else if (e instanceof NullLiteral) {
            out.append("NULL");
        } else if (e instanceof BooleanLiteral b) {
            out.append(b.value() ? "TRUE" : "FALSE");
        } else if (e instanceof NumberLiteral n) {
            out.append(n.text());
        } else if (e instanceof StringLiteral s) {
            out.append(literal(s.value()));
        } else if (e instanceof TypedLiteral t) {
            type(t.type());
            out.append(' ').append(literal(t.value()));
        } else if (e instanceof IntervalLiteral i) {
            out.append("INTERVAL ").append(literal(i.value()));
            if (i.from() != null) {
                out.append(' ').append(i.from());
                if (i.to() != null) {
                    out.append(" TO ").append(i.to());
                }
            }
        } else if (e instanceof Parameter p) {
            out.append('$').append(p.index());
        } else if (e instanceof UnaryExpression u) {
            out.append(u.operator());
            // "- -x" must not become the comment "--x"
            if (u.operand() instanceof UnaryExpression) {
                out.append('(');
                expr(u.operand());
                out.append(')');
            } else {
                expr(u.operand(), UNARY);
            }
        } else if (e instanceof NotExpression n) {
            out.append("NOT ");
            expr(n.operand(), NOT);
        } else if (e instanceof BinaryExpression b) {
            binary(b);
        } else if (e instanceof Between b) {
            expr(b.value(), OTHER_OP);
            out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
            expr(b.low(), OTHER_OP);
            out.append(" AND ");
            expr(b.high(), OTHER_OP);
        } else if (e instanceof InList i) {
            expr(i.value(), OTHER_OP);
            out.append(i.negated() ? " NOT IN (" : " IN (");
            exprs(i.list());
            out.append(')');
        } else if (e instanceof InSubquery i) {
            expr(i.value(), OTHER_OP);
            out.append(i.negated() ? " NOT IN (" : " IN (");
            query(i.query());
            out.append(')');
        } else if (e instanceof Like l) {
            expr(l.value(), OTHER_OP);
            out.append(l.negated() ? " NOT" : "").append(l.caseInsensitive() ? " ILIKE " : " LIKE ");
            expr(l.pattern(), OTHER_OP);
            if (l.escape() != null) {
                out.append(" ESCAPE ");
                expr(l.escape(), OTHER_OP);
            }
        } else if (e instanceof IsPredicate i) {
            expr(i.value(), OTHER_OP);
            out.append(i.negated() ? " IS NOT " : " IS ").append(i.kind());
        } else if (e instanceof QuantifiedComparison q) {
            expr(q.left(), OTHER_OP);
            out.append(' ')
                    .append(q.operator())
                    .append(' ')
                    .append(q.quantifier())
                    .append(" (");
            if (q.right() instanceof SubqueryExpression s) {
                query(s.query());
            } else {
                expr(q.right());
            }
            out.append(')');
        } else {
            primary(e);
        }
    }

    private void binary(BinaryExpression b) {
        int p = precedence(b);
        if (p == PREDICATE) {
            // comparison operands are value expressions in the grammar
            expr(b.left(), OTHER_OP);
            out.append(' ').append(b.operator()).append(' ');
            expr(b.right(), OTHER_OP);
            return;
        }
        // all binary operators are left-associative
        expr(b.left(), p);
        out.append(' ').append(b.operator()).append(' ');
        expr(b.right(), p + 1);
    }

    private void primary(Expression e) {
        if (e instanceof Exists x) {
            out.append("EXISTS (");
            query(x.query());
            out.append(')');
        } else if (e instanceof SubqueryExpression s) {
            out.append('(');
            query(s.query());
            out.append(')');
        } else if (e instanceof ArraySubquery a) {
            out.append("ARRAY(");
            query(a.query());
            out.append(')');
        } else if (e instanceof FunctionCall f) {
            functionCall(f);
        } else if (e instanceof TableArgument t) {
            out.append("TABLE ");
            name(t.table());
        } else if (e instanceof DescriptorArgument d) {
            out.append("DESCRIPTOR(");
            names(d.columns(), ", ");
            out.append(')');
        } else if (e instanceof Cast c) {
            out.append("CAST(");
            expr(c.expression());
            out.append(" AS ");
            type(c.type());
            out.append(')');
        } else if (e instanceof Case c) {
            out.append("CASE");
            if (c.operand() != null) {
                out.append(' ');
                expr(c.operand());
            }
            for (WhenClause w : c.whenClauses()) {
                out.append(" WHEN ");
                expr(w.condition());
                out.append(" THEN ");
                expr(w.result());
            }
            if (c.elseValue() != null) {
                out.append(" ELSE ");
                expr(c.elseValue());
            }
            out.append(" END");
        } else if (e instanceof Extract x) {
            out.append("EXTRACT(").append(quote(x.field())).append(" FROM ");
            expr(x.expression(), OTHER_OP);
            out.append(')');
        } else if (e instanceof Subscript s) {
            expr(s.base(), PRIMARY);
            out.append('[');
            expr(s.index(), OTHER_OP);
            out.append(']');
        } else if (e instanceof FieldAccess f) {
            // a plain name would merge with the field into one dotted column reference
            if (f.base() instanceof ColumnRef || precedence(f.base()) < PRIMARY) {
                out.append('(');
                expr(f.base());
                out.append(')');
            } else {
                expr(f.base());
            }
            out.append('.').append(quote(f.field()));
        } else if (e instanceof Collate c) {
            expr(c.expression(), COLLATE);
            out.append(" COLLATE ");
            List<String> parts = c.collation().parts();
            for (int i = 0; i < parts.size(); i++) {
                out.append(i > 0 ? "." : "");
                boolean last = i == parts.size() - 1;
                out.append(last && parts.get(i).equals("default") ? "default" : quote(parts.get(i)));
            }
        } else if (e instanceof ArrayConstructor a) {
            out.append("ARRAY[");
            exprs(a.elements());
            out.append(']');
        } else if (e instanceof MapConstructor m) {
            out.append("MAP(");
            for (int i = 0; i < m.keys().size(); i++) {
                out.append(i > 0 ? ", " : "");
                expr(m.keys().get(i));
                out.append(" := ");
                expr(m.values().get(i));
            }
            out.append(')');
        } else if (e instanceof StructConstructor s) {
            out.append("STRUCT(");
            for (int i = 0; i < s.names().size(); i++) {
                out.append(i > 0 ? ", " : "").append(quote(s.names().get(i))).append(" := ");
                expr(s.values().get(i));
            }
            out.append(')');
        } else if (e instanceof RowConstructor r) {
            out.append("ROW(");
            exprs(r.values());
            out.append(')');
        } else {
            throw new IllegalArgumentException("cannot format " + e.getClass().getSimpleName());
        }
    }

    private void functionCall(FunctionCall f) {
        List<String> parts = f.name().parts();
        for (int i = 0; i < parts.size(); i++) {
            out.append(i > 0 ? "." : "");
            String part = parts.get(i);
            // MAP(...) and STRUCT(...) are constructors; a function of that name must be quoted
            out.append(part.equals("map") || part.equals("struct") ? quoteAlways(part) : quote(part));
        }
        out.append('(');
        if (f.star()) {
            out.append('*');
        } else {
            if (f.distinct()) {
                out.append("DISTINCT ");
            }
            exprs(f.arguments());
            if (!f.orderBy().isEmpty()) {
                out.append(" ORDER BY ");
                sortItems(f.orderBy());
            }
        }
        out.append(')');
        if (f.filter() != null) {
            out.append(" FILTER (WHERE ");
            expr(f.filter());
            out.append(')');
        }
        if (f.over() != null) {
            out.append(" OVER (");
            windowSpec(f.over());
            out.append(')');
        }
    }

    private void windowSpec(WindowSpec w) {
        String sep = "";
        if (!w.partitionBy().isEmpty()) {
            out.append("PARTITION BY ");
            exprs(w.partitionBy());
            sep = " ";
        }
        if (!w.orderBy().isEmpty()) {
            out.append(sep).append("ORDER BY ");
            sortItems(w.orderBy());
            sep = " ";
        }
        WindowFrame f = w.frame();
        if (f != null) {
            out.append(sep).append(f.type()).append(' ');
            if (f.end() == null) {
                bound(f.start());
            } else {
                out.append("BETWEEN ");
                bound(f.start());
                out.append(" AND ");
                bound(f.end());
            }
        }
    }

    private void bound(FrameBound b) {
        switch (b.type()) {
            case UNBOUNDED_PRECEDING -> out.append("UNBOUNDED PRECEDING");
            case UNBOUNDED_FOLLOWING -> out.append("UNBOUNDED FOLLOWING");
            case CURRENT_ROW -> out.append("CURRENT ROW");
            case PRECEDING, FOLLOWING -> {
                expr(b.offset(), OTHER_OP);
                out.append(' ').append(b.type());
            }
        }
    }

    void sortItems(List<SortItem> items) {
        for (int i = 0; i < items.size(); i++) {
            SortItem s = items.get(i);
            out.append(i > 0 ? ", " : "");
            expr(s.expression());
            if (s.descending()) {
                out.append(" DESC");
            }
            if (s.nulls() != null) {
                out.append(" NULLS ").append(s.nulls());
            }
        }
    }

    // ---------------------------------------------------------------- types

    void type(DataType t) {
        if (t instanceof BuiltinType b) {
            SqlType s = b.type();
            switch (s.kind()) {
                case TIME, TIMESTAMP, TIMESTAMPTZ -> {
                    out.append(s.kind());
                    if (s.precision() != SqlType.UNSPECIFIED) {
                        out.append('(').append(s.precision()).append(')');
                    }
                }
                default -> out.append(s.toSql());
            }
        } else if (t instanceof ArrayType a) {
            out.append("ARRAY<");
            type(a.element());
            out.append('>');
        } else if (t instanceof MapType m) {
            out.append("MAP<");
            type(m.key());
            out.append(", ");
            type(m.value());
            out.append('>');
        } else if (t instanceof StructType s) {
            out.append("STRUCT<");
            for (int i = 0; i < s.fields().size(); i++) {
                out.append(i > 0 ? ", " : "")
                        .append(quote(s.fields().get(i).name()))
                        .append(' ');
                type(s.fields().get(i).type());
            }
            out.append('>');
        } else {
            NamedType n = (NamedType) t;
            name(n.name());
            if (!n.modifiers().isEmpty()) {
                out.append('(');
                for (int i = 0; i < n.modifiers().size(); i++) {
                    out.append(i > 0 ? ", " : "").append(n.modifiers().get(i));
                }
                out.append(')');
            }
        }
    }
}
